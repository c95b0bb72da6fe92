package keepalived.config;

import java.util.List;

/**
 * Reads, parses and checks a configuration: the one entry point used by {@code -t}, by the
 * parent at start and reload, and by the children. Never throws on bad input; the problems
 * tell whether the result may be used.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /** The outcome of a load: the model (possibly partial) and every problem found. */
    public record Result(KeepalivedConfig config, Problems problems) {
    }

    /** Options that change how a configuration is read. */
    public record Options(String configId, boolean includeCheckAll, Host host) {
        public static Options defaults() {
            return new Options(defaultConfigId(), false, Host.current());
        }
    }

    public static Result load(String file, Options options) {
        return load(file, options, new Problems());
    }

    public static Result load(String file, Options options, Problems problems) {
        Block.Builder model = new Block.Builder("", List.of(), new Origin(file, 0));
        try {
            ConfigReader reader = new ConfigReader(problems, options.configId(), options.includeCheckAll());
            List<ConfigLine> lines = reader.read(file);
            for (Pass pass : Pass.values()) {
                Block.Builder root = new Block.Builder("", List.of(), new Origin(file, 0));
                new ConfigParser(lines, problems, pass::parses, pass != Pass.PARENT).parse(TopLevel.SCHEMA, root);
                model.mergeAbsent(root);
                if (reader.unclosedBraces() > 0 && pass == Pass.PARENT) {
                    problems.report(Severity.MISSING_BRACE, null, "There are " + reader.unclosedBraces()
                            + " missing '}'s or extra '{'s");
                }
            }
            KeepalivedConfig config = new KeepalivedConfig(model.build());
            for (TopLevel.Validator v : TopLevel.VALIDATORS) {
                v.validate(config, options.host(), problems);
            }
            return new Result(config, problems);
        } catch (Problems.ConfigAbort abort) {
            return new Result(new KeepalivedConfig(model.build()), problems);
        }
    }

    /**
     * keepalived's processes each read the whole configuration with only their own top-level
     * keywords active; which lines get reported on a broken file depends on that, so a load
     * makes the same passes, in keepalived's order, and merges what each pass owns.
     */
    enum Pass {
        PARENT(Keyword.Owner.GLOBAL),
        CHECKER(Keyword.Owner.CHECK, Keyword.Owner.BFD, Keyword.Owner.TRACK_FILE),
        VRRP(Keyword.Owner.VRRP, Keyword.Owner.BFD, Keyword.Owner.TRACK_FILE),
        BFD(Keyword.Owner.BFD);

        private final java.util.Set<Keyword.Owner> owners;

        Pass(Keyword.Owner first, Keyword.Owner... rest) {
            this.owners = java.util.EnumSet.of(first, rest);
        }

        boolean parses(Keyword k) {
            return owners.contains(k.owner());
        }
    }

    /** keepalived's default config id: the host name up to the first dot. */
    public static String defaultConfigId() {
        String name = null;
        try {
            name = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (java.io.IOException | RuntimeException e) {
            try {
                name = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException ex) {
                name = "localhost";
            }
        }
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
