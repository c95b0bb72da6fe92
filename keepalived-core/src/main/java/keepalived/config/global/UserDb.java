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

    /** uid and primary gid of {@code name}, or null when there is no such user. */
    static int[] user(String name) {
        String[] f = entry(Path.of("/etc/passwd"), name);
        return f == null || f.length < 4 ? null : new int[] {Integer.parseInt(f[2]), Integer.parseInt(f[3])};
    }

    /** gid of group {@code name}, or null. */
    static Integer group(String name) {
        String[] f = entry(Path.of("/etc/group"), name);
        return f == null || f.length < 3 ? null : Integer.valueOf(f[2]);
    }

    private static String[] entry(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split(":", -1);
                if (f.length > 0 && f[0].equals(name)) {
                    return f;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return null;
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
