package keepalived.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one of keepalived's dump files ({@code keepalived.data}, {@code .stats}, {@code .json},
 * {@code keepalived_parent.data}) in the dump directory: mode 0600 as keepalived's umask 0177
 * leaves them, through a temporary file and a rename so a reader (keepalived --status) never
 * sees half a file.
 */
public final class DumpFile {
    private static final Logger LOG = LoggerFactory.getLogger("keepalived.dump");

    private DumpFile() {
    }

    /** Writes {@code text} to {@code dir/name}; a failure is logged, never thrown (a dump must not stop the daemon). */
    public static boolean write(Path dir, String name, String text) {
        Path file = dir.resolve(name);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + name, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            LOG.warn("Unable to write {}: {}", file, e.getMessage());
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
            return false;
        }
    }
}
