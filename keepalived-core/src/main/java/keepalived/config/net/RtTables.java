package keepalived.config.net;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Routing table names as keepalived resolves them for {@code table NAME}: a number (decimal or
 * 0x hex), else a name from /etc/iproute2/rt_tables and rt_tables.d/*.conf, with iproute2's
 * built-in names.
 */
public final class RtTables {
    private RtTables() {
    }

    private static final Path DIR = Path.of("/etc/iproute2");

    /** The table id of {@code word}, or null when it is neither a number nor a known name. */
    public static Long resolve(String word) {
        if (word.matches("[0-9]+")) {
            // keepalived accepts (and truncates) numbers beyond 32 bits
            return word.length() > 18 ? Long.valueOf(0) : Long.valueOf(word);
        }
        if (word.matches("0[xX][0-9a-fA-F]{1,16}")) {
            return Long.parseUnsignedLong(word.substring(2), 16);
        }
        return names().get(word);
    }

    private static Map<String, Long> names() {
        Map<String, Long> m = new HashMap<>();
        m.put("unspec", 0L);
        m.put("default", 253L);
        m.put("main", 254L);
        m.put("local", 255L);
        read(DIR.resolve("rt_tables"), m);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(DIR.resolve("rt_tables.d"), "*.conf")) {
            for (Path p : ds) {
                read(p, m);
            }
        } catch (IOException e) {
            // no rt_tables.d: only the main file and the built-in names
        }
        return m;
    }

    private static void read(Path file, Map<String, Long> m) {
        try {
            for (String line : Files.readAllLines(file)) {
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String[] f = s.split("\\s+");
                if (f.length >= 2) {
                    Long id = f[0].matches("0[xX][0-9a-fA-F]+") ? Long.parseLong(f[0].substring(2), 16)
                            : f[0].matches("[0-9]+") ? Long.parseLong(f[0]) : null;
                    if (id != null) {
                        m.putIfAbsent(f[1], id);
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // unreadable file: its names are unknown, as for keepalived
        }
    }
}
