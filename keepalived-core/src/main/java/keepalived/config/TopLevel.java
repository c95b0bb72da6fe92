package keepalived.config;

import java.util.List;
import keepalived.config.bfd.BfdKeywords;
import keepalived.config.check.CheckKeywords;
import keepalived.config.global.GlobalDefsKeywords;
import keepalived.config.global.RootKeywords;
import keepalived.config.net.StaticKeywords;
import keepalived.config.vrrp.VrrpKeywords;

/**
 * The top level of keepalived.conf: root keywords ({@code net_namespace}, {@code instance} ...)
 * and every top-level block, each installed by the package that owns its keyword table.
 */
public final class TopLevel {
    private TopLevel() {
    }

    /** A check over the whole parsed configuration (cross references, host facts). */
    @FunctionalInterface
    public interface Validator {
        void validate(KeepalivedConfig config, Host host, Problems problems);
    }

    public static final Schema SCHEMA = new Schema("");

    static {
        RootKeywords.install(SCHEMA);
        GlobalDefsKeywords.install(SCHEMA);
        StaticKeywords.install(SCHEMA);
        VrrpKeywords.install(SCHEMA);
        CheckKeywords.install(SCHEMA);
        BfdKeywords.install(SCHEMA);
    }

    /** Run in this order after parsing, as keepalived's checker, VRRP and BFD passes do. */
    public static final List<Validator> VALIDATORS = List.of(
            GlobalDefsKeywords::validate,
            CheckKeywords::validate,
            VrrpKeywords::validate,
            BfdKeywords::validate);

    /** Every keyword table reachable from the top level, for documentation and tests. */
    public static List<Schema> allSchemas() {
        java.util.LinkedHashSet<Schema> seen = new java.util.LinkedHashSet<>();
        collect(SCHEMA, seen);
        return List.copyOf(seen);
    }

    private static void collect(Schema s, java.util.Set<Schema> seen) {
        if (!seen.add(s)) {
            return;
        }
        for (Keyword k : s.keywords()) {
            if (k.sub() != null) {
                collect(k.sub(), seen);
            }
        }
    }
}
