package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** keepalived.stats of a daemon: SIGUSR2, then the file its TMPDIR receives, as "Section/Key" → value. */
final class StatsFile {
    private StatsFile() {
    }

    /** @param tmpDir the daemon's TMPDIR (the directory it was started with) */
    static Map<String, Long> read(Daemon d, Path tmpDir) throws IOException {
        Path file = tmpDir.resolve("keepalived.stats");
        Files.deleteIfExists(file);
        d.signal("USR2");
        assertTrue(Wait.until(5000, () -> Files.exists(file) && size(file) > 0),
                () -> "no " + file + " after SIGUSR2\n" + d.logTail(20));
        Wait.sleep(100); // keepalived writes it in pieces
        return parse(Files.readAllLines(file));
    }

    static Map<String, Long> parse(Iterable<String> lines) {
        Map<String, Long> out = new LinkedHashMap<>();
        String section = "";
        for (String line : lines) {
            if (line.startsWith("VRRP Instance:") || line.isBlank()) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            String t = line.strip();
            int colon = t.lastIndexOf(':');
            String key = t.substring(0, colon);
            String value = t.substring(colon + 1).strip();
            if (value.isEmpty()) {
                section = key;
            } else if (indent <= 2) {
                section = "";
                out.put(key, Long.parseLong(value));
            } else {
                out.put(section + "/" + key, Long.parseLong(value));
            }
        }
        return out;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
