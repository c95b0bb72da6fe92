package keepalived.config.net;

import keepalived.config.Block;
import keepalived.config.Schema;

/** {@code static_ipaddress}, {@code static_routes}, {@code static_rules}. */
public final class StaticKeywords {
    private StaticKeywords() {
    }

    public static void install(Schema top) {
        // TODO(helper)
    }

    /** True when any static address, route or rule is configured. */
    public static boolean isUsed(Block root) {
        return false;
    }
}
