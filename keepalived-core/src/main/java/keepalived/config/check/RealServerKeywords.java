package keepalived.config.check;

import java.util.List;
import keepalived.config.Args;
import keepalived.config.Block;
import keepalived.config.Key;
import keepalived.config.Schema;

/** The {@code real_server IP [PORT]} table; its checkers are child blocks under {@link #CHECKERS}. */
public final class RealServerKeywords {
    private RealServerKeywords() {
    }

    /** The header; absent when it was invalid (the server is then skipped). */
    public static final Key<ServerAddress> ADDRESS = Key.of("address");
    public static final Key<Integer> WEIGHT = Key.of("weight", 1);
    public static final Key<Forwarding> LVS_METHOD = Key.of("lvs_method");
    public static final Key<Long> UTHRESHOLD = Key.of("uthreshold", 0L);
    public static final Key<Long> LTHRESHOLD = Key.of("lthreshold", 0L);
    public static final Key<Boolean> INHIBIT_ON_FAILURE = Key.of("inhibit_on_failure");
    public static final Key<ScriptCommand> NOTIFY_UP = Key.of("notify_up");
    public static final Key<ScriptCommand> NOTIFY_DOWN = Key.of("notify_down");
    public static final Key<Boolean> ALPHA = Key.of("alpha");
    public static final Key<Long> RETRY = Key.of("retry");
    public static final Key<Long> DELAY_BEFORE_RETRY = Key.of("delay_before_retry");
    public static final Key<Long> WARMUP = Key.of("warmup");
    public static final Key<Long> DELAY_LOOP = Key.of("delay_loop");
    public static final Key<Long> CONNECT_TIMEOUT = Key.of("connect_timeout");
    public static final Key<Boolean> SMTP_ALERT = Key.of("smtp_alert");
    public static final Key<String> VIRTUALHOST = Key.of("virtualhost");
    public static final Key<String> SNMP_NAME = Key.of("snmp_name");
    /** Every checker block, in order; {@link Block#keyword()} is the checker type. */
    public static final Key<List<Block>> CHECKERS = Key.of("checkers", List.of());

    public static final Schema SCHEMA = new Schema("real_server");

    static {
        Schema s = SCHEMA;
        s.value("weight", WEIGHT, a -> {
            Long v = a.integer(1, 0, Integer.MAX_VALUE);
            if (v == null) {
                a.error("Real server weight " + a.word(1) + " is outside range 0-2147483647");
                return null;
            }
            return v.intValue();
        });
        s.value("lvs_method", LVS_METHOD, a -> Forwarding.parse(a, "real server"));
        s.value("uthreshold", UTHRESHOLD, a -> threshold(a, "uthreshold"));
        s.value("lthreshold", LTHRESHOLD, a -> threshold(a, "lthreshold"));
        s.value("inhibit_on_failure", INHIBIT_ON_FAILURE, a -> CheckValues.bool(a, "inhibit_on_failure"));
        s.custom("notify_up", (b, a) -> {
            CheckValues.requireCommand(a);
            ScriptCommand sc = CheckValues.script(a);
            if (sc != null) {
                b.set(NOTIFY_UP, sc, a.origin());
            }
        });
        s.custom("notify_down", (b, a) -> {
            CheckValues.requireCommand(a);
            ScriptCommand sc = CheckValues.script(a);
            if (sc != null) {
                b.set(NOTIFY_DOWN, sc, a.origin());
            }
        });
        s.value("alpha", ALPHA, a -> CheckValues.bool(a, "alpha"));
        s.value("retry", RETRY, a -> retry(a));
        s.value("delay_before_retry", DELAY_BEFORE_RETRY, a -> CheckValues.timer(a, 1, 0, CheckValues.MAX_LONG_TIMER));
        s.value("warmup", WARMUP, a -> CheckValues.timer(a, 1, 0, CheckValues.MAX_LONG_TIMER));
        s.value("delay_loop", DELAY_LOOP, a -> {
            Long v = CheckValues.timer(a, 1, 1, CheckValues.MAX_LONG_TIMER);
            if (v == null) {
                a.error("real server delay_loop '" + a.word(1) + "' invalid - ignoring");
            }
            return v;
        });
        s.value("connect_timeout", CONNECT_TIMEOUT, a -> {
            Long v = CheckValues.timer(a, 1, 1, CheckValues.MAX_INT_TIMER);
            if (v == null) {
                a.error("real server connect_timeout " + a.word(1) + " invalid - ignoring");
            }
            return v;
        });
        s.value("smtp_alert", SMTP_ALERT, a -> CheckValues.bool(a, "real_server smtp_alert"));
        s.value("virtualhost", VIRTUALHOST, a -> {
            if (!a.has(1)) {
                a.error("real server virtualhost missing");
            }
            return a.word(1);
        });
        s.value("snmp_name", SNMP_NAME, a -> {
            if (a.size() != 2) {
                a.error("real server snmp_name missing or extra parameters");
                return null;
            }
            return a.word(1);
        });
        CheckerKeywords.installAll(s, CHECKERS);
    }

    /** Reads the header words: IP [PORT]; reports and returns null when invalid. */
    static ServerAddress address(Args a, String what) {
        String ip = a.required(1);
        Integer port = 0;
        if (a.has(2)) {
            Long p = a.integer(2, 1, 65535);
            port = p == null ? null : p.intValue();
        }
        java.net.InetAddress addr = CheckValues.ip(ip);
        if (addr == null || port == null) {
            a.error("Invalid " + what + " ip address/port " + ip + "/" + (a.has(2) ? a.word(2) : "(null)") + " - skipping");
            return null;
        }
        return new ServerAddress(addr, ip, port);
    }

    static Long retry(Args a) {
        Long v = a.integer(1, 1, 0xFFFFFFFFL);
        if (v == null) {
            a.error("retry value invalid - " + a.word(1));
        }
        return v;
    }

    private static Long threshold(Args a, String which) {
        Long v = a.integer(1, 0, 0xFFFFFFFFL);
        if (v == null) {
            a.error("Invalid real_server " + which + " '" + a.word(1) + "' - ignoring");
        }
        return v;
    }
}
