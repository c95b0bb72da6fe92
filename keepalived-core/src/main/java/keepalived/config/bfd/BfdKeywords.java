package keepalived.config.bfd;

import java.util.List;
import keepalived.config.Block;
import keepalived.config.Host;
import keepalived.config.KeepalivedConfig;
import keepalived.config.Key;
import keepalived.config.Problems;
import keepalived.config.Schema;

/** {@code bfd_instance} blocks. */
public final class BfdKeywords {
    private BfdKeywords() {
    }

    public static final Key<List<Block>> BFD_INSTANCES = Key.of("bfd_instance", List.of());

    public static void install(Schema top) {
        // TODO(helper)
    }

    public static void validate(KeepalivedConfig config, Host host, Problems problems) {
    }
}
