package keepalived.vrrp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import keepalived.config.Block;
import keepalived.config.KeepalivedConfig;
import keepalived.config.vrrp.SyncGroupKeywords;
import keepalived.config.vrrp.TrackRef;
import keepalived.config.vrrp.VrrpInstanceKeywords;
import keepalived.vrrp.state.InstanceConfig;
import keepalived.vrrp.state.InstanceConfig.Track;
import keepalived.vrrp.state.TrackKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@code vrrp_sync_group} does to the trackers of its members, as keepalived 2.2.7 does
 * it (observed in a namespace):
 * <ul>
 * <li>the group's track_interface/track_script/track_file/track_process entries are added to
 * every member, with the weight written there or the tracked object's own (so a weighted group
 * tracker moves the priority of all members alike); a member with priority 255 takes them with
 * weight 0 ("Cannot have weighted track ... with member having priority 255");</li>
 * <li>unless the group has sync_group_tracking_weight (or the deprecated global_tracking), a
 * member's own weighted track_script and track_file entries are dropped (keepalived warns
 * "ignoring ... due to SYNC group" at config time, and a script nobody else tracks is not run);
 * weighted interfaces keep their weight: 2.2.7 warns about them but still applies it;</li>
 * <li>the group's notify_priority_changes applies to members that do not set their own.</li>
 * </ul>
 */
final class SyncGroupTracking {
    private static final Logger LOG = LoggerFactory.getLogger("keepalived.vrrp");

    private SyncGroupTracking() {
    }

    /** The sync group that {@code instance} belongs to (the first that lists it), or null. */
    static Block groupOf(KeepalivedConfig config, String instance) {
        for (Block g : config.syncGroups()) {
            if (g.get(SyncGroupKeywords.GROUP).contains(instance)) {
                return g;
            }
        }
        return null;
    }

    /**
     * {@code ic} (trackers already resolved by {@code resolve}) as a member of its sync group;
     * unchanged when the instance is in none.
     */
    static InstanceConfig apply(InstanceConfig ic, Block instance, KeepalivedConfig config,
            UnaryOperator<Track> resolve) {
        Block g = groupOf(config, ic.name());
        if (g == null) {
            return ic;
        }
        boolean weights = g.get(SyncGroupKeywords.TRACKING_WEIGHT);
        List<Track> tracks = new ArrayList<>();
        for (Track t : ic.trackers()) {
            boolean weighted = t.weight() != null && t.weight() != 0;
            if (!weights && weighted && (t.kind() == TrackKind.SCRIPT || t.kind() == TrackKind.FILE)) {
                continue;
            }
            tracks.add(t);
        }
        add(tracks, g, TrackKind.INTERFACE, g.get(SyncGroupKeywords.TRACK_INTERFACE), ic, resolve);
        add(tracks, g, TrackKind.SCRIPT, g.get(SyncGroupKeywords.TRACK_SCRIPT), ic, resolve);
        add(tracks, g, TrackKind.FILE, g.get(SyncGroupKeywords.TRACK_FILE), ic, resolve);
        add(tracks, g, TrackKind.PROCESS, g.get(SyncGroupKeywords.TRACK_PROCESS), ic, resolve);
        InstanceConfig out = ic.withTrackList(tracks);
        Boolean own = instance.get(VrrpInstanceKeywords.NOTIFY_PRIORITY_CHANGES);
        Boolean group = g.get(SyncGroupKeywords.NOTIFY_PRIORITY_CHANGES);
        if (own == null && group != null) {
            out = out.withNotifyPriorityChanges(group);
        }
        return out;
    }

    private static void add(List<Track> into, Block g, TrackKind kind, List<TrackRef> refs, InstanceConfig ic,
            UnaryOperator<Track> resolve) {
        for (TrackRef r : refs) {
            boolean present = false;
            for (Track t : into) {
                present |= t.kind() == kind && t.name().equals(r.name());
            }
            if (present) {
                continue; // the member's own entry for the same object stays
            }
            Track t = resolve.apply(new Track(kind, r.name(), r.weight(), r.reverse()));
            if (ic.owner() && t.weight() != null && t.weight() != 0) {
                LOG.info("({}) Cannot have weighted track {} '{}' with member having priority 255 - setting weight 0",
                        g.name(), kind.name().toLowerCase(java.util.Locale.ROOT), r.name());
                t = new Track(kind, t.name(), 0, t.reverse());
            }
            into.add(t);
        }
    }
}
