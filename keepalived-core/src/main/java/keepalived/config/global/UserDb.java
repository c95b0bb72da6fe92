package keepalived.config.global;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * User and group lookups for script users, read from /etc/passwd and /etc/group (keepalived
 * asks getpwnam/getgrnam; NSS sources beyond the files are not consulted).
 */
final class UserDb {
    private UserDb() {
    }

    static final String DEFAULT_SCRIPT_USER = "keepalived_script";

    static boolean userExists(String name) {
        return exists(Path.of("/etc/passwd"), name);
    }

    static boolean groupExists(String name) {
        return exists(Path.of("/etc/group"), name);
    }

    private static boolean exists(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equals(name)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
