package keepalived.config.vrrp;

import java.util.List;
import keepalived.config.Block;
import keepalived.config.Host;
import keepalived.config.KeepalivedConfig;
import keepalived.config.Key;
import keepalived.config.Problems;
import keepalived.config.Schema;

/** Top-level VRRP blocks: vrrp_script, track_file, vrrp_track_process, sync groups, garp_group, vrrp_instance. */
public final class VrrpKeywords {
    private VrrpKeywords() {
    }

    public static final Key<List<Block>> VRRP_INSTANCES = Key.of("vrrp_instance", List.of());
    public static final Key<List<Block>> VRRP_SCRIPTS = Key.of("vrrp_script", List.of());
    public static final Key<List<Block>> VRRP_SYNC_GROUPS = Key.of("vrrp_sync_group", List.of());

    public static void install(Schema top) {
        // TODO(helper)
    }

    public static void validate(KeepalivedConfig config, Host host, Problems problems) {
    }
}
