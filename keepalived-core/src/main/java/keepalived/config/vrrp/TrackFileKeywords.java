package keepalived.config.vrrp;

import keepalived.config.Key;
import keepalived.config.Schema;
import keepalived.config.Values;

/** Keyword table of {@code track_file NAME { }} (old spelling {@code vrrp_track_file}): a file holding a number. */
public final class TrackFileKeywords {
    private TrackFileKeywords() {
    }

    public static final Key<String> FILE = Key.of("file");
    public static final Key<Integer> WEIGHT = Key.of("weight", 1);
    public static final Key<Boolean> WEIGHT_REVERSE = Key.of("weight_reverse", false);
    /** Value written when the file is created (init_file); null when init_file is absent. */
    public static final Key<Long> INIT_VALUE = Key.of("init_file");
    public static final Key<Boolean> INIT_OVERWRITE = Key.of("init_file_overwrite", false);

    public static final Schema SCHEMA = new Schema("track_file");

    static {
        SCHEMA.custom("file", (b, a) -> {
            if (!a.has(1)) {
                a.error("track file file name missing");
                return;
            }
            b.set(FILE, a.word(1), a.origin());
        }).doc("path of the file to watch");
        SCHEMA.custom("weight", (b, a) -> {
            if (!a.has(1)) {
                a.error("No weight specified for track file " + b.name() + " - ignoring");
                return;
            }
            Long v = Values.integer(a.word(1), -2147483647, 2147483647, a.origin(), a.problems());
            if (v == null) {
                a.error("weight for track file must be in [-2147483647..2147483647] inclusive. Ignoring...");
                return;
            }
            b.set(WEIGHT, v.intValue(), a.origin());
            WeightOption.readReverse(b, a, WEIGHT_REVERSE, opt -> "unknown track file weight option " + opt + " - ignoring");
        }).doc("multiplier of the file's value (default 1) [reverse]");
        SCHEMA.custom("init_file", (b, a) -> {
            long value = 0;
            int i = 1;
            if (a.has(i) && !a.word(i).equals("overwrite")) {
                Long v = Values.integer(a.word(i), Integer.MIN_VALUE, Integer.MAX_VALUE, a.origin(), a.problems());
                if (v == null) {
                    return;
                }
                value = v;
                i++;
            }
            if (a.has(i)) {
                if (a.word(i).equals("overwrite")) {
                    b.set(INIT_OVERWRITE, true, a.origin());
                } else {
                    a.error("track file init_file unknown option " + a.word(i));
                }
            }
            b.set(INIT_VALUE, value, a.origin());
        }).doc("[VALUE] [overwrite]: create the file at start");
        SCHEMA.onClose((b, p) -> {
            if (!b.isSet(FILE)) {
                p.error(b.closeOrigin(), "No file set for track_file " + b.name() + " - ignoring");
            }
        });
        // keepalived-vrrp polls the file every advert interval (keepalived: inotify)
        SCHEMA.implemented("file", "weight", "init_file");
    }
}
