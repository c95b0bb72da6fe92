package keepalived.config.bfd;

import java.math.BigDecimal;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import keepalived.config.Args;
import keepalived.config.Block;
import keepalived.config.Host;
import keepalived.config.KeepalivedConfig;
import keepalived.config.Key;
import keepalived.config.Keyword;
import keepalived.config.Problems;
import keepalived.config.Schema;
import keepalived.config.check.CheckValues;

/** {@code bfd_instance NAME} blocks (keepalived's bfd_parser.c); parsed by the BFD, VRRP and checker processes. */
public final class BfdKeywords {
    private BfdKeywords() {
    }

    /** {@code weight N [reverse]}: the default weight for trackers of this instance. */
    public record Weight(int weight, boolean reverse) {
    }

    public static final Key<List<Block>> BFD_INSTANCES = Key.of("bfd_instance", List.of());

    public static final Key<InetAddress> NEIGHBOR_IP = Key.of("neighbor_ip");
    public static final Key<InetAddress> SOURCE_IP = Key.of("source_ip");
    /** Microseconds (configured in milliseconds, 3 decimals). */
    public static final Key<Long> MIN_RX = Key.of("min_rx", 10_000L);
    public static final Key<Long> MIN_TX = Key.of("min_tx", 10_000L);
    public static final Key<Long> IDLE_TX = Key.of("idle_tx", 1_000_000L);
    public static final Key<Integer> MULTIPLIER = Key.of("multiplier", 5);
    public static final Key<Boolean> PASSIVE = Key.of("passive", false);
    /** ttl (IPv4) / hoplimit (IPv6); unset means 255 for IPv4 and 64 for IPv6. */
    public static final Key<Integer> TTL = Key.of("ttl");
    /** 0 = single hop; 255 disables the check. */
    public static final Key<Integer> MAX_HOPS = Key.of("max_hops", 0);
    public static final Key<Boolean> MULTIHOP = Key.of("multihop", false);
    public static final Key<Weight> WEIGHT = Key.of("weight", new Weight(0, false));
    /** Send events only to the VRRP / checker process (neither set: both). */
    public static final Key<Boolean> VRRP = Key.of("vrrp", false);
    public static final Key<Boolean> CHECKER = Key.of("checker", false);

    static final int MAX_NAME = 31;

    public static final Schema SCHEMA = new Schema("bfd_instance");

    static {
        Schema s = SCHEMA;
        s.custom("neighbor_ip", (b, a) -> {
            InetAddress ip = CheckValues.ip(a.required(1));
            if (ip == null) {
                a.error("Configuration error: BFD instance " + b.name() + " has malformed neighbor address "
                        + a.word(1) + ", ignoring instance");
                return;
            }
            b.set(NEIGHBOR_IP, ip, a.origin());
        });
        s.alias("neighbour_ip", "neighbor_ip").replacedBy(null).doc("British spelling of neighbor_ip");
        s.custom("source_ip", (b, a) -> {
            InetAddress ip = CheckValues.ip(a.required(1));
            if (ip == null) {
                a.error("Configuration error: BFD instance " + b.name() + " has malformed source address "
                        + a.word(1) + ", ignoring");
                return;
            }
            b.set(SOURCE_IP, ip, a.origin());
        });
        s.custom("min_rx", (b, a) -> interval(b, a, MIN_RX, 1));
        s.custom("min_tx", (b, a) -> interval(b, a, MIN_TX, 1));
        s.custom("idle_tx", (b, a) -> interval(b, a, IDLE_TX, 1000));
        s.custom("multiplier", (b, a) -> {
            Long v = a.integer(1, 1, 255);
            if (v == null) {
                a.error(prefix(b) + " multiplier value " + a.word(1) + " not valid (must be in range [1-255]), ignoring");
                return;
            }
            b.set(MULTIPLIER, v.intValue(), a.origin());
        });
        s.bareFlag("passive", PASSIVE);
        s.custom("ttl", BfdKeywords::ttl);
        s.custom("hoplimit", BfdKeywords::ttl);
        s.custom("max_hops", (b, a) -> {
            Long v = a.integer(1, -1, 255);
            if (v == null) {
                a.error(prefix(b) + " max_hops value " + a.word(1) + " not valid (must be in range [-1-255]), ignoring");
                return;
            }
            b.set(MAX_HOPS, v.intValue(), a.origin());
        });
        s.flag("multihop", MULTIHOP).since("2.4");
        s.custom("weight", (b, a) -> {
            Long v = a.integer(1, -253, 253);
            if (v == null) {
                a.error(prefix(b) + " weight value " + a.word(1) + " not valid (must be in range [-253-253]), ignoring");
                return;
            }
            boolean reverse = false;
            if (a.has(2)) {
                if (!a.word(2).equals("reverse")) {
                    a.error(prefix(b) + " unknown weight option " + a.word(2));
                    return;
                }
                reverse = true;
            }
            b.set(WEIGHT, new Weight(v.intValue(), reverse), a.origin());
        });
        s.bareFlag("vrrp", VRRP);
        s.bareFlag("checker", CHECKER);
        s.onClose((b, p) -> {
            InetAddress n = b.get(NEIGHBOR_IP);
            InetAddress src = b.get(SOURCE_IP);
            if (n == null) {
                p.error(b.closeOrigin(), prefix(b) + " has no neighbor address set, disabling instance");
                return;
            }
            if (src != null && (src instanceof Inet6Address) != (n instanceof Inet6Address)) {
                // keepalived 2.2.7 prints the source address twice here
                String t = text(b, SOURCE_IP);
                p.error(b.closeOrigin(), prefix(b) + " source address " + t + " and neighbor address " + t
                        + " are not of the same family, disabling instance");
                return;
            }
            int ttl = b.isSet(TTL) ? b.get(TTL) : n instanceof Inet6Address ? 64 : 255;
            if (b.get(MAX_HOPS) > ttl) {
                p.warning(b.closeOrigin(), "BFD instance " + b.name() + ": max_hops exceeds ttl/hoplimit - setting to ttl/hoplimit");
            }
        });
    }

    private static String text(Block.Builder b, Key<InetAddress> k) {
        String t = b.get(k).getHostAddress();
        return t.replaceAll("(^|:)0(:0)+(:|$)", "::").replaceAll("%.*", "");
    }

    private static String prefix(Block.Builder b) {
        return "Configuration error: BFD instance " + b.name();
    }

    private static void ttl(Block.Builder b, Args a) {
        Long v = a.integer(1, 1, 255);
        if (v == null) {
            a.error(prefix(b) + " ttl/hoplimit value " + a.word(1) + " not valid (must be in range [1-255]), ignoring");
            return;
        }
        b.set(TTL, v.intValue(), a.origin());
    }

    private static void interval(Block.Builder b, Args a, Key<Long> key, long minMs) {
        BigDecimal v = CheckValues.decimal(a, 1, BigDecimal.valueOf(minMs), BigDecimal.valueOf(4294967), 3);
        if (v == null) {
            a.error(prefix(b) + " " + a.keyword() + " value " + a.word(1) + " is not valid (must be in range ["
                    + minMs + "-4294967]), ignoring");
            return;
        }
        b.set(key, v.movePointRight(3).longValue(), a.origin());
    }

    public static void install(Schema top) {
        top.blocks("bfd_instance", BFD_INSTANCES, SCHEMA, (b, a) -> {
            String name = a.required(1);
            if (name.length() > MAX_NAME) {
                a.error("BFD name " + name + " too long");
                a.error("Configuration error: BFD instance " + name + " name too long (maximum length is "
                        + MAX_NAME + " characters) - ignoring");
            }
        }).owner(Keyword.Owner.BFD).doc("a BFD session to a neighbour");
    }

    /** Duplicate names and neighbours, as keepalived's BFD process reports them. */
    public static void validate(KeepalivedConfig config, Host host, Problems problems) {
        Map<String, Block> byName = new HashMap<>();
        Map<InetAddress, Block> byNeighbor = new HashMap<>();
        for (Block b : config.bfdInstances()) {
            if (b.name() == null || b.name().length() > MAX_NAME) {
                continue;
            }
            if (byName.putIfAbsent(b.name(), b) != null) {
                problems.error(b.origin(), "Configuration error: BFD instance " + b.name() + " already configured - ignoring");
                continue;
            }
            InetAddress n = b.get(NEIGHBOR_IP);
            if (n != null && byNeighbor.putIfAbsent(n, b) != null) {
                problems.error(b.closeOrigin(), "Configuration error: BFD instance " + b.name()
                        + " has duplicate neighbor address " + text(n) + ", ignoring instance");
            }
        }
    }

    private static String text(InetAddress a) {
        return a.getHostAddress().replaceAll("(^|:)0(:0)+(:|$)", "::").replaceAll("%.*", "");
    }
}
