package keepalived.config.vrrp;

import java.util.List;
import java.util.Map;
import keepalived.config.Block;
import keepalived.config.KeepalivedConfig;
import keepalived.config.Problems;
import keepalived.config.bfd.BfdKeywords;

/** keepalived's checks of a vrrp_sync_group against the instances (all printed without a line). */
final class SyncGroupChecks {
    private SyncGroupChecks() {
    }

    static void check(Block sg, KeepalivedConfig config, Map<String, Block> instances, Map<String, String> memberOf,
            Problems p) {
        String name = sg.name();
        if (!sg.isSet(SyncGroupKeywords.GROUP)) {
            p.error(null, "Sync group " + name + " has no virtual router(s). removing");
            return;
        }
        List<String> members = sg.get(SyncGroupKeywords.GROUP);
        if (members.isEmpty()) {
            p.error(sg.originOf(SyncGroupKeywords.GROUP), "Warning - sync group " + name + " has empty group block");
            p.error(null, "Sync group " + name + " has no virtual router(s). removing");
            return;
        }
        int found = 0;
        for (String m : members) {
            Block vi = instances.get(m);
            if (vi == null) {
                p.error(null, "Virtual router " + m + " specified in sync group " + name + " doesn't exist - ignoring");
            } else if (memberOf.putIfAbsent(m, name) != null) {
                p.error(null, "Virtual router " + m + " cannot exist in more than one sync group; ignoring " + name);
            } else {
                found++;
                weightedTrackers(vi, sg, config, p);
            }
        }
        if (found == 0) {
            p.error(null, "Sync group " + name + ", no matching virtual router found in group declaration - removing");
        } else if (found == 1) {
            p.error(null, "Sync group " + name + " has only 1 virtual router(s) - this probably isn't what you want");
        }
    }

    /**
     * Members' weighted trackers are ignored unless the group honours weights; keepalived says so
     * for interfaces, scripts, files and BFDs (not for processes). A reference's own weight wins
     * over the tracked object's.
     */
    private static void weightedTrackers(Block vi, Block sg, KeepalivedConfig config, Problems p) {
        if (sg.get(SyncGroupKeywords.TRACKING_WEIGHT)) {
            return;
        }
        String who = "(" + vi.name() + ") ";
        for (TrackRef r : vi.get(VrrpInstanceKeywords.TRACK_INTERFACE)) {
            // an own-interface entry has already been dropped
            if (r.weight() != null && r.weight() != 0 && !r.name().equals(vi.get(VrrpInstanceKeywords.INTERFACE))) {
                p.error(null, who + "ignoring " + r.name() + " tracked interface weight due to SYNC group");
            }
        }
        for (TrackRef r : vi.get(VrrpInstanceKeywords.TRACK_SCRIPT)) {
            Block s = VrrpKeywords.find(config.vrrpScripts(), r.name());
            int w = r.weight() != null ? r.weight() : s == null ? 0 : s.get(VrrpScriptKeywords.WEIGHT);
            if (s != null && w != 0) {
                p.error(null, who + "ignoring tracked script " + r.name() + " with weights due to SYNC group");
            }
        }
        for (TrackRef r : vi.get(VrrpInstanceKeywords.TRACK_FILE)) {
            Block f = VrrpKeywords.find(config.root().get(VrrpKeywords.TRACK_FILES), r.name());
            int w = r.weight() != null ? r.weight() : f == null ? 0 : f.get(TrackFileKeywords.WEIGHT);
            if (f != null && w != 0) {
                p.error(null, who + "ignoring tracked file " + r.name() + " with weight " + w + " due to SYNC group");
            }
        }
        for (TrackRef r : vi.get(VrrpInstanceKeywords.TRACK_BFD)) {
            Block b = VrrpKeywords.find(config.bfdInstances(), r.name());
            int w = r.weight() != null ? r.weight() : b == null ? 0 : b.get(BfdKeywords.WEIGHT).weight();
            if (b != null && w != 0) {
                p.error(null, who + "ignoring tracked bfd " + r.name() + " with weight " + w + " due to SYNC group");
            }
        }
    }
}
