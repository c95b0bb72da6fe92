package keepalived.config.global;

import keepalived.config.Args;
import keepalived.config.Block;
import keepalived.config.Key;
import keepalived.config.Keyword;
import keepalived.config.Schema;

/**
 * Keywords that stand at the top level, outside global_defs ({@code net_namespace} ...); inside
 * global_defs keepalived does not know them. Their values live in the root block.
 */
public final class RootKeywords {
    private RootKeywords() {
    }

    public static final Key<String> NET_NAMESPACE = Key.of("net_namespace");
    /** "" = IPVS in the default namespace; null = IPVS in keepalived's own namespace. */
    public static final Key<String> NET_NAMESPACE_IPVS = Key.of("net_namespace_ipvs");
    public static final Key<Boolean> NAMESPACE_WITH_IPSETS = Key.of("namespace_with_ipsets", false);
    public static final Key<String> INSTANCE = Key.of("instance");
    public static final Key<Boolean> USE_PID_DIR = Key.of("use_pid_dir", false);
    /** Microseconds the parent waits for children to exit (5 s). */
    public static final Key<Long> CHILD_WAIT_TIME = Key.of("child_wait_time", 5_000_000L);
    public static final Key<Boolean> LINKBEAT_USE_POLLING = Key.of("linkbeat_use_polling", false);

    public static void install(Schema top) {
        top.custom("net_namespace", (b, a) -> name(b, a, NET_NAMESPACE, false))
                .owner(Keyword.Owner.GLOBAL).doc("Network namespace to run in");
        top.custom("net_namespace_ipvs", (b, a) -> {
            if (b.isSet(NET_NAMESPACE_IPVS)) {
                a.error("Duplicate net_namespace_ipvs definition " + (a.has(1) ? a.word(1) : "") + " - ignoring");
            } else {
                b.set(NET_NAMESPACE_IPVS, a.has(1) ? a.word(1) : "", a.origin());
            }
        }).owner(Keyword.Owner.GLOBAL).doc("Namespace of the IPVS configuration [NAME]");
        top.bareFlag("namespace_with_ipsets", NAMESPACE_WITH_IPSETS).owner(Keyword.Owner.GLOBAL)
                .doc("Use ipsets in a namespace on kernels before 3.13");
        top.custom("instance", (b, a) -> name(b, a, INSTANCE, true))
                .owner(Keyword.Owner.GLOBAL).doc("Instance name in pid and data file names");
        top.bareFlag("use_pid_dir", USE_PID_DIR).owner(Keyword.Owner.GLOBAL).doc("Pid files in /run/keepalived");
        top.custom("child_wait_time", (b, a) -> {
            a.required(1);
            Long v = GlobalArgs.integer(a, 1, 0, GlobalArgs.UINT_MAX);
            if (v == null) {
                a.error("Invalid child_wait_time " + a.word(1));
            } else {
                b.set(CHILD_WAIT_TIME, v * 1_000_000L, a.origin());
            }
        }).owner(Keyword.Owner.GLOBAL).doc("Seconds to wait for children to exit (5)");
        top.bareFlag("linkbeat_use_polling", LINKBEAT_USE_POLLING).owner(Keyword.Owner.GLOBAL)
                .doc("Poll link state (MII/ethtool) instead of netlink");
        top.implemented("use_pid_dir", "child_wait_time"); // keepalived.daemon.PidFiles, Watchdog
        top.implemented("instance"); // pid file names (PidFiles), syslog idents (DaemonLogging.withInstance)
    }

    /** A name that can be given once; keepalived counts a duplicate instance, not a namespace. */
    private static void name(Block.Builder b, Args a, Key<String> key, boolean countDuplicate) {
        String word = a.keyword();
        if (!a.has(1)) {
            a.error(word + " name missing - ignoring");
        } else if (b.isSet(key)) {
            String msg = "Duplicate " + word + " definition " + a.word(1) + " - ignoring";
            if (countDuplicate) {
                a.error(msg);
            } else {
                a.problems().notice(a.origin(), msg);
            }
        } else {
            b.set(key, a.word(1), a.origin());
        }
    }
}
