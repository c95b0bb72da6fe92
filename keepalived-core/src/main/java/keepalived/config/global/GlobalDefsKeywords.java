package keepalived.config.global;

import keepalived.config.Block;
import keepalived.config.Host;
import keepalived.config.KeepalivedConfig;
import keepalived.config.Key;
import keepalived.config.Problems;
import keepalived.config.Schema;

/** Keyword table of {@code global_defs} (keepalived's global_parser.c). */
public final class GlobalDefsKeywords {
    private GlobalDefsKeywords() {
    }

    public static final Key<Block> GLOBAL_DEFS = Key.of("global_defs");
    public static final Schema SCHEMA = new Schema("global_defs");

    static {
        // TODO(helper): every global_defs keyword of keepalived 2.2.7 (+2.4 superset)
    }

    public static void install(Schema top) {
        top.merged("global_defs", GLOBAL_DEFS, SCHEMA);
    }

    public static void validate(KeepalivedConfig config, Host host, Problems problems) {
    }
}
