package keepalived.config.vrrp;

import java.util.List;
import keepalived.config.Args;
import keepalived.config.Block;
import keepalived.config.Key;
import keepalived.config.Schema;
import keepalived.config.Values;

/** Keyword table of {@code vrrp_track_process NAME { }}: a process whose presence is tracked. */
public final class TrackProcessKeywords {
    private TrackProcessKeywords() {
    }

    /** How {@code process} arguments are compared with the running command line. */
    public enum ParamMatch { EXACT, INITIAL, PARTIAL }

    /** The process name then its (optional) parameters. */
    public static final Key<List<String>> PROCESS = Key.of("process");
    public static final Key<ParamMatch> PARAM_MATCH = Key.of("param_match", ParamMatch.EXACT);
    public static final Key<Integer> WEIGHT = Key.of("weight", 0);
    public static final Key<Boolean> WEIGHT_REVERSE = Key.of("weight_reverse", false);
    public static final Key<Integer> QUORUM = Key.of("quorum", 1);
    public static final Key<Integer> QUORUM_MAX = Key.of("quorum_max", 65535);
    /** Microseconds to wait after a fork / a termination before counting; 0 = none. */
    public static final Key<Long> FORK_DELAY = Key.of("fork_delay", 0L);
    public static final Key<Long> TERMINATE_DELAY = Key.of("terminate_delay", 0L);
    public static final Key<Boolean> FULL_COMMAND = Key.of("full_command", false);

    public static final Schema SCHEMA = new Schema("vrrp_track_process");

    static {
        SCHEMA.custom("process", (b, a) -> {
            a.required(1);
            if (b.isSet(PROCESS)) {
                a.error("Process already set for track process " + b.name() + " - ignoring " + a.word(1));
                return;
            }
            b.set(PROCESS, List.copyOf(a.from(1)), a.origin());
        }).doc("NAME [ARGS...] as in /proc/PID/comm or cmdline");
        SCHEMA.custom("param_match", (b, a) -> {
            String w = a.has(1) ? a.word(1) : "";
            switch (w) {
                case "initial" -> b.set(PARAM_MATCH, ParamMatch.INITIAL, a.origin());
                case "partial" -> b.set(PARAM_MATCH, ParamMatch.PARTIAL, a.origin());
                default -> {
                    if (a.has(1)) {
                        a.error("Invalid param_match type " + w + " - ignoring");
                    }
                }
            }
        }).doc("initial|partial");
        SCHEMA.custom("weight", (b, a) -> {
            if (!a.has(1)) {
                a.error("No weight specified for track process " + b.name() + " - ignoring");
                return;
            }
            if (b.isSet(WEIGHT)) {
                a.error("Weight already set for track process " + b.name() + " - ignoring " + a.word(1));
                return;
            }
            Long v = Values.integer(a.word(1), -254, 254, a.origin(), a.problems());
            if (v == null) {
                a.error("Weight (" + a.word(1) + ") for vrrp_track_process " + b.name()
                        + " must be between [-254..254] inclusive. Ignoring...");
                return;
            }
            b.set(WEIGHT, v.intValue(), a.origin());
            WeightOption.readReverse(b, a, WEIGHT_REVERSE, opt -> "vrrp_track_process " + b.name() + " unknown weight option " + opt);
        }).doc("-254..254 [reverse] (default 0)");
        SCHEMA.custom("quorum", (b, a) -> {
            Long v = a.integer(1, 1, 65535);
            if (v == null) {
                a.error("Quorum (" + a.word(1) + ") for vrrp_track_process " + b.name()
                        + " must be between [1..65535] inclusive. Ignoring...");
            } else if (v > b.get(QUORUM_MAX)) {
                a.error("Quorum is greater than quorum_max - ignoring");
            } else {
                b.set(QUORUM, v.intValue(), a.origin());
            }
        }).doc("minimum number of processes (default 1)");
        SCHEMA.custom("quorum_max", (b, a) -> {
            Long v = a.integer(1, 0, 65535);
            if (v == null) {
                a.error("quorum_max (" + a.word(1) + ") for vrrp_track_process " + b.name()
                        + " must be between [0..65535] inclusive. Ignoring...");
            } else if (v < b.get(QUORUM)) {
                a.error("quorum_max is less than quorum - ignoring");
            } else {
                b.set(QUORUM_MAX, v.intValue(), a.origin());
            }
        }).doc("maximum number of processes");
        SCHEMA.custom("fork_delay", (b, a) -> delay(b, a, "fork_", FORK_DELAY));
        SCHEMA.custom("terminate_delay", (b, a) -> delay(b, a, "terminate_", TERMINATE_DELAY));
        SCHEMA.custom("delay", (b, a) -> {
            Long v = delay(b, a, "", null);
            if (v != null) {
                b.set(FORK_DELAY, v, a.origin());
                b.set(TERMINATE_DELAY, v, a.origin());
            }
        }).doc("both fork_delay and terminate_delay");
        SCHEMA.bareFlag("full_command", FULL_COMMAND).doc("match the whole command line");
        SCHEMA.onClose((b, p) -> {
            if (!b.isSet(PROCESS)) {
                p.error(b.closeOrigin(), "track process '" + b.name() + "' process name not specified");
            }
        });
        // keepalived-vrrp scans /proc every second (keepalived: the proc connector)
        SCHEMA.implemented("process", "param_match", "weight", "quorum", "quorum_max", "fork_delay",
                "terminate_delay", "delay", "full_command");
    }

    private static Long delay(Block.Builder b, Args a, String prefix, Key<Long> key) {
        Double v = Values.decimal(a.required(1), 0.000001, 3600, a.origin(), a.problems());
        if (v == null) {
            a.error(prefix + "delay (" + a.word(1) + ") for vrrp_track_process " + b.name()
                    + " must be between [0.000001..3600] inclusive. Ignoring...");
            return null;
        }
        long us = Math.round(v * 1_000_000);
        if (key != null) {
            b.set(key, us, a.origin());
        }
        return us;
    }
}
