package keepalived.config.reader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import keepalived.config.ConfigLine;
import keepalived.config.ConfigReader;
import keepalived.config.Problems;

/** Writes small config files into a temp dir and runs {@link ConfigReader} on them. */
final class ReaderFixture {
    static final String CONFIG_ID = "node1";

    final Path dir;
    final Problems problems = new Problems();

    ReaderFixture(Path dir) {
        this.dir = dir;
    }

    ReaderFixture file(String name, String content) {
        return bytes(name, content.getBytes(StandardCharsets.UTF_8));
    }

    ReaderFixture bytes(String name, byte[] content) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.write(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    List<ConfigLine> read(String name) {
        return new ConfigReader(problems, CONFIG_ID, false).read(dir.resolve(name).toString());
    }

    /** The texts of the lines {@code content} (as the main file) produces. */
    List<String> texts(String content) {
        file("main.conf", content);
        return read("main.conf").stream().map(ConfigLine::text).toList();
    }

    List<String> messages() {
        return problems.all().stream().map(p -> p.message()).toList();
    }
}
