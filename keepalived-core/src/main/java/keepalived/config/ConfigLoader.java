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
        Block.Builder root = new Block.Builder("", List.of(), new Origin(file, 0));
        try {
            List<ConfigLine> lines = new ConfigReader(problems, options.configId(), options.includeCheckAll()).read(file);
            new ConfigParser(lines, problems).parse(TopLevel.SCHEMA, root);
            KeepalivedConfig config = new KeepalivedConfig(root.build());
            for (TopLevel.Validator v : TopLevel.VALIDATORS) {
                v.validate(config, options.host(), problems);
            }
            return new Result(config, problems);
        } catch (Problems.ConfigAbort abort) {
            return new Result(new KeepalivedConfig(root.build()), problems);
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
