package keepalived.config.vrrp;

import java.util.List;
import keepalived.config.Block;
import keepalived.config.Key;
import keepalived.config.Schema;

/** Keyword table of {@code track_group NAME { group { VI... } }}: instances that static entries follow. */
public final class TrackGroupKeywords {
    private TrackGroupKeywords() {
    }

    public static final Key<List<Block>> TRACK_GROUPS = Key.of("track_group", List.of());
    public static final Key<List<String>> GROUP = Key.of("group", List.of());

    public static final Schema SCHEMA = new Schema("track_group");

    static {
        SCHEMA.listCustom("group", GROUP, (b, a) -> {
            for (String w : a.words()) {
                b.add(GROUP, w, a.origin());
            }
        }).doc("vrrp_instance names");
        SCHEMA.implemented("group"); // keepalived.vrrp.StaticTrackGroups
        SCHEMA.onClose((b, p) -> {
            if (b.isSet(GROUP) && b.get(GROUP).isEmpty()) {
                p.error(b.closeOrigin(), "Warning - track group " + b.name() + " has empty group block");
            }
        });
    }
}
