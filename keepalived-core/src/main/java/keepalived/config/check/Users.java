package keepalived.config.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Looks up local users and groups (for MISC_CHECK {@code user}) in /etc/passwd and /etc/group. */
final class Users {
    private Users() {
    }

    static boolean exists(String user) {
        return lookup(Path.of("/etc/passwd"), user);
    }

    static boolean groupExists(String group) {
        return lookup(Path.of("/etc/group"), group);
    }

    private static boolean lookup(Path file, String name) {
        if (name.matches("\\d+")) {
            return true;
        }
        try {
            return Files.readAllLines(file).stream().anyMatch(l -> l.startsWith(name + ":"));
        } catch (IOException e) {
            return false;
        }
    }
}
