package keepalived.config.global;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import keepalived.config.Block;
import keepalived.config.ConfigLoader;
import keepalived.config.ConfigProblem;
import keepalived.config.Host;

/** Loads a config text as keepalived -t would, on a host that only has eth0. */
final class GlobalConfigFixture {
    private GlobalConfigFixture() {
    }

    static final Host HOST = new Host() {
        @Override
        public boolean interfaceExists(String name) {
            return name.equals("eth0") || name.equals("lo");
        }

        @Override
        public boolean isLoopback(String name) {
            return name.equals("lo");
        }
    };

    static ConfigLoader.Result load(String text) {
        try {
            Path f = Files.createTempFile("kgl", ".conf");
            try {
                Files.writeString(f, text);
                return ConfigLoader.load(f.toString(), new ConfigLoader.Options("test", false, HOST));
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads {@code body} inside global_defs (body starts on line 2). */
    static ConfigLoader.Result globals(String body) {
        return load("global_defs {\n" + body + "\n}\n");
    }

    static Block defs(ConfigLoader.Result r) {
        return r.config().globalDefs();
    }

    /** Each problem as "LINE message" (0 for whole-config messages). */
    static List<String> messages(ConfigLoader.Result r) {
        return r.problems().all().stream().filter(ConfigProblem::counted)
                .map(p -> (p.origin() == null ? 0 : p.origin().line()) + " " + p.message()).toList();
    }
}
