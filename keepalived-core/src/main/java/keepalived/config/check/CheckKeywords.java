package keepalived.config.check;

import java.util.List;
import keepalived.config.Block;
import keepalived.config.Host;
import keepalived.config.KeepalivedConfig;
import keepalived.config.Key;
import keepalived.config.Problems;
import keepalived.config.Schema;

/** Top-level checker blocks: virtual_server_group, virtual_server, SSL. */
public final class CheckKeywords {
    private CheckKeywords() {
    }

    public static final Key<List<Block>> VIRTUAL_SERVERS = Key.of("virtual_server", List.of());
    public static final Key<List<Block>> VIRTUAL_SERVER_GROUPS = Key.of("virtual_server_group", List.of());

    public static void install(Schema top) {
        // TODO(helper)
    }

    public static void validate(KeepalivedConfig config, Host host, Problems problems) {
    }
}
