package keepalived.config.vrrp;

import java.util.List;
import keepalived.config.Block;
import keepalived.config.Key;
import keepalived.config.Schema;
import keepalived.config.Values;

/** Keyword table of {@code garp_group { }}: GARP/NA pacing shared by several interfaces. */
public final class GarpGroupKeywords {
    private GarpGroupKeywords() {
    }

    public static final Key<List<Block>> GARP_GROUPS = Key.of("garp_group", List.of());
    /** Microseconds between gratuitous ARPs; null = not set. */
    public static final Key<Long> GARP_INTERVAL = Key.of("garp_interval");
    /** Microseconds between unsolicited neighbour adverts; null = not set. */
    public static final Key<Long> GNA_INTERVAL = Key.of("gna_interval");
    public static final Key<List<String>> INTERFACES = Key.of("interfaces", List.of());

    public static final Schema SCHEMA = new Schema("garp_group");

    static {
        SCHEMA.custom("garp_interval", (b, a) -> interval(b, a, GARP_INTERVAL, "garp_interval"))
                .doc("seconds between GARPs on the group's interfaces");
        SCHEMA.custom("gna_interval", (b, a) -> interval(b, a, GNA_INTERVAL, "gna_interval"))
                .doc("seconds between unsolicited NAs");
        SCHEMA.custom("interface", (b, a) -> b.add(INTERFACES, a.required(1), a.origin())).doc("IF");
        SCHEMA.listCustom("interfaces", INTERFACES, (b, a) -> {
            for (String w : a.words()) {
                b.add(INTERFACES, w, a.origin());
            }
        }).doc("{ IF ... }");
        SCHEMA.onClose((b, p) -> {
            if (b.isSet(INTERFACES) && b.get(INTERFACES).isEmpty()) {
                p.error(b.closeOrigin(), "Warning - empty garp_group interfaces block");
            }
            if (!b.isSet(GARP_INTERVAL) && !b.isSet(GNA_INTERVAL)) {
                p.error(null, "garp group 0 does not have any delay set - removing");
            }
        });
    }

    // What keepalived-vrrp honours today (docs/compatibility.md).
    static {
        SCHEMA.implemented("garp_interval", "gna_interval", "interface", "interfaces");
    }

    private static void interval(Block.Builder b, keepalived.config.Args a, Key<Long> key, String what) {
        String w = a.required(1);
        Double v = Values.decimal(w, 0, 1000, a.origin(), a.problems());
        if (v == null) {
            a.error("garp_group " + what + " '" + w + "' invalid");
            return;
        }
        b.set(key, Math.round(v * 1_000_000), a.origin());
    }
}
