package keepalived.config.check;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import keepalived.config.Args;
import keepalived.config.Block;
import keepalived.config.Key;
import keepalived.config.Schema;

/** The {@code virtual_server} table (keepalived's check_parser.c). */
public final class VirtualServerKeywords {
    private VirtualServerKeywords() {
    }

    /** IPVS schedulers accepted by lb_algo/lvs_sched. */
    public enum LbAlgo {
        RR, WRR, LC, WLC, LBLC, LBLCR, DH, SH, MH, SED, NQ, FO, OVF, TWOS;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The service protocol. */
    public enum Protocol {
        TCP, UDP, SCTP;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** ip_family. */
    public enum Family { INET, INET6 }

    /** What a virtual_server header names: an address, a firewall mark, or a group. */
    public record Service(Kind kind, ServerAddress address, long fwmark, String group) {
        /** The three forms of the header. */
        public enum Kind { ADDRESS, FWMARK, GROUP }
    }

    /** The header; absent when it was invalid (keepalived then skips the whole block). */
    public static final Key<Service> SERVICE = Key.of("service");
    public static final Key<Family> IP_FAMILY = Key.of("ip_family");
    /** Microseconds. */
    public static final Key<Long> DELAY_LOOP = Key.of("delay_loop");
    public static final Key<LbAlgo> LB_ALGO = Key.of("lvs_sched");
    public static final Key<Forwarding> LB_KIND = Key.of("lvs_method");
    public static final Key<Protocol> PROTOCOL = Key.of("protocol");
    /** Seconds; the bare keyword means 360. */
    public static final Key<Long> PERSISTENCE_TIMEOUT = Key.of("persistence_timeout");
    /** A netmask (IPv4) or prefix length (IPv6), as written. */
    public static final Key<String> PERSISTENCE_GRANULARITY = Key.of("persistence_granularity");
    public static final Key<String> PERSISTENCE_ENGINE = Key.of("persistence_engine");
    public static final Key<Boolean> HA_SUSPEND = Key.of("ha_suspend", false);
    /** Scheduler flags as written: hashed, ops, flag-1..3, sh-port, sh-fallback, mh-port, mh-fallback. */
    public static final Key<List<String>> FLAGS = Key.of("flags", List.of());
    public static final Key<String> VIRTUALHOST = Key.of("virtualhost");
    public static final Key<Boolean> SMTP_ALERT = Key.of("smtp_alert");
    public static final Key<Boolean> ALPHA = Key.of("alpha", false);
    public static final Key<Boolean> OMEGA = Key.of("omega", false);
    public static final Key<ScriptCommand> QUORUM_UP = Key.of("quorum_up");
    public static final Key<ScriptCommand> QUORUM_DOWN = Key.of("quorum_down");
    public static final Key<Long> QUORUM = Key.of("quorum", 1L);
    public static final Key<Long> HYSTERESIS = Key.of("hysteresis", 0L);
    /** Default weight of the real servers. */
    public static final Key<Integer> WEIGHT = Key.of("weight", 1);
    public static final Key<ServerAddress> SORRY_SERVER = Key.of("sorry_server");
    public static final Key<Boolean> SORRY_SERVER_INHIBIT = Key.of("sorry_server_inhibit", false);
    public static final Key<Forwarding> SORRY_SERVER_LVS_METHOD = Key.of("sorry_server_lvs_method");
    public static final Key<Boolean> INHIBIT_ON_FAILURE = Key.of("inhibit_on_failure", false);
    public static final Key<Long> RETRY = Key.of("retry");
    public static final Key<Long> DELAY_BEFORE_RETRY = Key.of("delay_before_retry");
    public static final Key<Long> CONNECT_TIMEOUT = Key.of("connect_timeout");
    public static final Key<Long> WARMUP = Key.of("warmup");
    public static final Key<String> SNMP_NAME = Key.of("snmp_name");
    public static final Key<List<Block>> REAL_SERVERS = Key.of("real_server", List.of());

    public static final long DEFAULT_PERSISTENCE_TIMEOUT = 360;

    public static final Schema SCHEMA = new Schema("virtual_server");

    static {
        Schema s = SCHEMA;
        s.custom("ip_family", (b, a) -> {
            String f = a.required(1);
            Family fam = f.equals("inet") ? Family.INET : f.equals("inet6") ? Family.INET6 : null;
            if (fam == null) {
                a.error("unknown address family " + f);
                return;
            }
            Service svc = b.get(SERVICE);
            if (svc != null && svc.address() != null && svc.address().isIpv6() != (fam == Family.INET6)) {
                a.error("Virtual server specified family " + f + " conflicts with server family");
                return;
            }
            b.set(IP_FAMILY, fam, a.origin());
        });
        s.value("delay_loop", DELAY_LOOP, a -> {
            Long v = CheckValues.timer(a, 1, 1, CheckValues.MAX_LONG_TIMER);
            if (v == null) {
                a.error("virtual server delay loop '" + a.word(1) + "' invalid - ignoring");
            }
            return v;
        });
        s.value("lvs_sched", LB_ALGO, a -> {
            String w = a.required(1);
            for (LbAlgo l : LbAlgo.values()) {
                if (l.word().equals(w)) {
                    return l;
                }
            }
            a.error("Invalid lvs_scheduler '" + w + "' - ignoring");
            return null;
        });
        s.alias("lb_algo", "lvs_sched");
        s.value("lvs_method", LB_KIND, a -> Forwarding.parse(a, "virtual server"));
        s.alias("lb_kind", "lvs_method");
        s.value("persistence_timeout", PERSISTENCE_TIMEOUT, a -> {
            if (!a.has(1)) {
                return DEFAULT_PERSISTENCE_TIMEOUT;
            }
            Long v = a.integer(1, 1, 2678400);
            if (v == null) {
                a.error("persistence_timeout invalid");
            }
            return v;
        });
        s.custom("persistence_granularity", (b, a) -> {
            String g = a.required(1);
            Service svc = b.get(SERVICE);
            boolean v6 = svc != null && svc.address() != null ? svc.address().isIpv6()
                    : b.get(IP_FAMILY) == Family.INET6 || (b.get(IP_FAMILY) == null && g.indexOf('.') < 0);
            boolean ok = v6 ? CheckValues.quietInteger(g, 1, 128) != null
                    : CheckValues.ip(g) != null || CheckValues.quietInteger(g, 1, 128) != null;
            if (!ok) {
                a.error("Invalid " + (v6 ? "IPv6" : "IPv4") + " persistence_granularity specified - " + g);
                return;
            }
            b.set(PERSISTENCE_GRANULARITY, g, a.origin());
            if (!b.isSet(PERSISTENCE_TIMEOUT)) {
                b.set(PERSISTENCE_TIMEOUT, DEFAULT_PERSISTENCE_TIMEOUT, a.origin());
            }
        });
        s.string("persistence_engine", PERSISTENCE_ENGINE);
        s.value("protocol", PROTOCOL, a -> {
            String p = a.required(1);
            try {
                return Protocol.valueOf(p.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                a.error("Unknown protocol " + p + " - ignoring");
                return null;
            }
        });
        s.bareFlag("ha_suspend", HA_SUSPEND);
        for (String f : List.of("hashed", "ops", "flag-1", "flag-2", "flag-3", "sh-port", "sh-fallback", "mh-port", "mh-fallback")) {
            s.custom(f, (b, a) -> flag(b, a, f));
        }
        s.value("virtualhost", VIRTUALHOST, a -> {
            if (!a.has(1)) {
                a.error("virtual server virtualhost missing");
            }
            return a.word(1);
        });
        s.value("smtp_alert", SMTP_ALERT, a -> CheckValues.bool(a, "virtual_server smtp_alert"));
        s.bareFlag("alpha", ALPHA);
        s.bareFlag("omega", OMEGA);
        s.custom("quorum_up", (b, a) -> {
            CheckValues.requireCommand(a);
            ScriptCommand sc = CheckValues.script(a);
            if (sc != null) {
                b.set(QUORUM_UP, sc, a.origin());
            }
        });
        s.custom("quorum_down", (b, a) -> {
            CheckValues.requireCommand(a);
            ScriptCommand sc = CheckValues.script(a);
            if (sc != null) {
                b.set(QUORUM_DOWN, sc, a.origin());
            }
        });
        s.value("quorum", QUORUM, a -> {
            Long v = a.integer(1, 1, 0xFFFFFFFFL);
            if (v == null) {
                a.error("Quorum " + a.word(1) + " must be in [1, 4294967295]. Setting to 1.");
                return 1L;
            }
            return v;
        });
        s.value("hysteresis", HYSTERESIS, a -> {
            Long v = a.integer(1, 0, 0xFFFFFFFFL);
            if (v == null) {
                a.error("Hysteresis " + a.word(1) + " must be in [0, 4294967295] - ignoring");
            }
            return v;
        });
        s.value("weight", WEIGHT, a -> {
            Long v = a.integer(1, 1, Integer.MAX_VALUE);
            if (v == null) {
                a.error("Virtual server weight " + a.word(1) + " is outside range 1-2147483647");
                return null;
            }
            return v.intValue();
        });
        s.value("sorry_server", SORRY_SERVER, a -> {
            String ip = a.required(1);
            InetAddress addr = CheckValues.ip(ip);
            Long port = a.has(2) ? CheckValues.quietInteger(a.word(2), 0, 65535) : Long.valueOf(0);
            if (addr == null || port == null) {
                a.error("Invalid sorry server IP address " + ip + " - skipping");
                return null;
            }
            return new ServerAddress(addr, ip, port.intValue());
        });
        s.custom("sorry_server_inhibit", (b, a) -> {
            if (!b.isSet(SORRY_SERVER)) {
                a.error("Ignoring sorry_server inhibit used before or without sorry_server");
                return;
            }
            b.set(SORRY_SERVER_INHIBIT, Boolean.TRUE, a.origin());
        });
        s.custom("sorry_server_lvs_method", (b, a) -> {
            if (!b.isSet(SORRY_SERVER)) {
                a.error("sorry_server forwarding used without sorry_server");
                return;
            }
            Forwarding f = Forwarding.parse(a, "sorry server");
            if (f != null) {
                b.set(SORRY_SERVER_LVS_METHOD, f, a.origin());
            }
        });
        s.bareFlag("inhibit_on_failure", INHIBIT_ON_FAILURE);
        s.value("retry", RETRY, RealServerKeywords::retry);
        s.value("delay_before_retry", DELAY_BEFORE_RETRY, a -> CheckValues.timer(a, 1, 0, CheckValues.MAX_LONG_TIMER));
        s.value("connect_timeout", CONNECT_TIMEOUT, a -> {
            Long v = CheckValues.timer(a, 1, 1, CheckValues.MAX_INT_TIMER);
            if (v == null) {
                a.error("virtual server connect_timeout " + a.word(1) + " invalid - ignoring");
            }
            return v;
        });
        s.value("warmup", WARMUP, a -> CheckValues.timer(a, 1, 0, CheckValues.MAX_LONG_TIMER));
        s.value("snmp_name", SNMP_NAME, a -> {
            if (a.size() != 2) {
                a.error("virtual server snmp_name missing or extra parameters");
                return null;
            }
            return a.word(1);
        });
        s.blocks("real_server", REAL_SERVERS, RealServerKeywords.SCHEMA, (b, a) -> {
            ServerAddress addr = RealServerKeywords.address(a, "real server");
            if (addr != null) {
                b.set(RealServerKeywords.ADDRESS, addr, a.origin());
            }
        });
    }

    private static void flag(Block.Builder b, Args a, String f) {
        LbAlgo sched = b.get(LB_ALGO);
        boolean ok = switch (f) {
            case "hashed", "sh-port", "sh-fallback" -> sched == LbAlgo.SH;
            // 2.2.7 accepts the mh flags with sh (and says "sh" when refusing them)
            case "mh-port", "mh-fallback" -> sched == LbAlgo.SH || sched == LbAlgo.MH;
            default -> true;
        };
        if (!ok) {
            // keepalived 2.2.7 says "sh" for the mh flags too
            a.error(f + " only applies to sh scheduler - ignoring");
            return;
        }
        b.add(FLAGS, f, a.origin());
    }

    /** Parses the header: {@code IP [PORT]}, {@code fwmark N} or {@code group NAME}. */
    static void header(Block.Builder b, Args a) {
        String first = a.required(1);
        Service svc;
        if (first.equals("fwmark")) {
            if (!a.has(2)) {
                a.error("virtual server fwmark missing");
                return;
            }
            Long m = a.integer(2, 0, 0xFFFFFFFFL);
            if (m == null) {
                a.error("virtual server fwmark '" + a.word(2) + "' must be in [0, 4294967295] - ignoring");
                return;
            }
            svc = new Service(Service.Kind.FWMARK, null, m, null);
        } else if (first.equals("group")) {
            if (!a.has(2)) {
                a.error("virtual server group name missing");
                return;
            }
            svc = new Service(Service.Kind.GROUP, null, 0, a.word(2));
        } else {
            Integer port = 0;
            if (a.has(2)) {
                Long p = a.integer(2, 1, 65535);
                port = p == null ? null : p.intValue();
            }
            InetAddress addr = CheckValues.ip(first);
            if (addr == null || port == null) {
                a.error("Invalid virtual server IP address/port " + first + "/" + (a.has(2) ? a.word(2) : "(null)") + " - skipping");
                return;
            }
            svc = new Service(Service.Kind.ADDRESS, new ServerAddress(addr, first, port), 0, null);
        }
        b.set(SERVICE, svc, a.origin());
    }

    /** keepalived's name of a virtual server in messages, e.g. {@code [10.1.1.1]:tcp:80} or {@code FWM 1}. */
    public static String describe(Block vs) {
        Service svc = vs.get(SERVICE);
        Protocol p = vs.get(PROTOCOL);
        String proto = p == null ? "none" : p.word();
        return switch (svc.kind()) {
            case FWMARK -> "FWM " + svc.fwmark();
            case GROUP -> "[" + svc.group() + "]:0";
            case ADDRESS -> svc.address().describe(proto);
        };
    }

    /** True when the VS address family is IPv6 (from its address, ip_family, or first real server). */
    static Boolean isIpv6(Block vs) {
        Service svc = vs.get(SERVICE);
        if (svc.address() != null) {
            return svc.address().address() instanceof Inet6Address;
        }
        if (vs.isSet(IP_FAMILY)) {
            return vs.get(IP_FAMILY) == Family.INET6;
        }
        return null;
    }
}
