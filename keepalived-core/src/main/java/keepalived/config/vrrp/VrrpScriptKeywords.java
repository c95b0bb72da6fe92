package keepalived.config.vrrp;

import java.util.List;
import keepalived.config.Key;
import keepalived.config.Schema;
import keepalived.config.Values;

/** Keyword table of {@code vrrp_script NAME { }}: a command run periodically whose status is tracked. */
public final class VrrpScriptKeywords {
    private VrrpScriptKeywords() {
    }

    public static final Key<NotifyScript> SCRIPT = Key.of("script");
    /** Microseconds between runs (default 1 s). */
    public static final Key<Long> INTERVAL = Key.of("interval", 1_000_000L);
    /** Microseconds before a run counts as failed; null = the interval. */
    public static final Key<Long> TIMEOUT = Key.of("timeout");
    public static final Key<Integer> WEIGHT = Key.of("weight", 0);
    public static final Key<Boolean> WEIGHT_REVERSE = Key.of("weight_reverse", false);
    public static final Key<Integer> RISE = Key.of("rise", 1);
    public static final Key<Integer> FALL = Key.of("fall", 1);
    public static final Key<String> USER = Key.of("user");
    public static final Key<String> GROUP = Key.of("group");
    public static final Key<Boolean> INIT_FAIL = Key.of("init_fail", false);

    public static final Schema SCHEMA = new Schema("vrrp_script");

    static {
        SCHEMA.custom("script", (b, a) -> {
            NotifyScript s = NotifyScript.parse(a);
            if (s != null) {
                b.set(SCRIPT, new NotifyScript(s.argv(), null, null, s.origin()), a.origin());
            }
        }).doc("the command (exec'd directly, shell-like quoting)");
        SCHEMA.custom("interval", (b, a) -> {
            String w = a.required(1);
            Double v = Values.decimal(w, 0, 4294, a.origin(), a.problems());
            if (v == null) {
                a.error("(" + b.name() + "): vrrp script interval '" + w + "' must be between 1 and 4294 - ignoring");
            } else if (v == 0) {
                a.error("(" + b.name() + "): vrrp script interval must be greater than 0, setting to 1");
                b.set(INTERVAL, 1_000_000L, a.origin());
            } else {
                b.set(INTERVAL, Math.round(v * 1_000_000), a.origin());
            }
        }).doc("seconds between runs (default 1)");
        SCHEMA.custom("timeout", (b, a) -> {
            String w = a.required(1);
            Double v = Values.decimal(w, 0, 4294, a.origin(), a.problems());
            if (v == null) {
                a.error("(" + b.name() + "): vrrp script timeout '" + w + "' invalid - ignoring");
            } else if (v == 0) {
                a.error("(" + b.name() + "): vrrp script timeout must be greater than 0, setting to 1");
                b.set(TIMEOUT, 1_000_000L, a.origin());
            } else {
                b.set(TIMEOUT, Math.round(v * 1_000_000), a.origin());
            }
        }).doc("seconds before a run is a failure (default: interval)");
        SCHEMA.custom("weight", (b, a) -> {
            String w = a.required(1);
            Long v = Values.integer(w, -253, 253, a.origin(), a.problems());
            if (v == null) {
                a.error("vrrp_script " + b.name() + " weight " + w + " must be in [-253, 253]");
                return;
            }
            b.set(WEIGHT, v.intValue(), a.origin());
            WeightOption.readReverse(b, a, WEIGHT_REVERSE, opt -> "vrrp_script " + b.name() + " unknown weight option " + opt);
        }).doc("-253..253 [reverse]; 0 = failure puts trackers in FAULT");
        SCHEMA.custom("rise", (b, a) -> count(b, a, RISE, "rise"));
        SCHEMA.custom("fall", (b, a) -> count(b, a, FALL, "fall"));
        SCHEMA.custom("user", (b, a) -> {
            b.set(USER, a.required(1), a.origin());
            if (a.has(2)) {
                b.set(GROUP, a.word(2), a.origin());
            }
        }).doc("USER [GROUP] to run the script as");
        SCHEMA.bareFlag("init_fail", INIT_FAIL).doc("start in the failed state");
        SCHEMA.onClose((b, p) -> {
            if (!b.isSet(SCRIPT)) {
                p.error(b.closeOrigin(), "No script set for vrrp_script " + b.name() + " - removing");
            }
        });
    }

    private static void count(keepalived.config.Block.Builder b, keepalived.config.Args a, Key<Integer> key, String what) {
        String w = a.required(1);
        Long v = Values.integer(w, 1, Integer.MAX_VALUE, a.origin(), a.problems());
        if (v == null) {
            a.error("(" + b.name() + "): vrrp script " + what + " value '" + w + "' invalid, defaulting to 1");
            b.set(key, 1, a.origin());
        } else {
            b.set(key, v.intValue(), a.origin());
        }
    }

    /** The scripts keepalived keeps: those with a command. */
    static boolean usable(keepalived.config.Block script) {
        return script.isSet(SCRIPT);
    }

    static List<String> names(List<keepalived.config.Block> scripts) {
        return scripts.stream().filter(VrrpScriptKeywords::usable).map(keepalived.config.Block::name).toList();
    }

    // What keepalived-vrrp honours today (docs/compatibility.md); the rest is parsed and planned.
    static {
        SCHEMA.implemented("script", "interval", "timeout", "weight", "rise", "fall", "init_fail");
        // keepalived.vrrp.TrackScripts runs the script as this user (ScriptUserNamespaceTest)
        SCHEMA.implemented("user");
    }
}
