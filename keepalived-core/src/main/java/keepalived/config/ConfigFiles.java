package keepalived.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Finding configuration files: {@code -f} and {@code include} globs, and which files may be read. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    /** Expands a glob (with csh-style braces) relative to {@code dir}; sorted like glob(3). */
    static List<Path> glob(Path dir, String pattern) {
        Path p = Path.of(pattern);
        Path base = p.isAbsolute() ? p.getRoot() : dir;
        List<Path> current = List.of(base);
        for (Path segment : p.isAbsolute() ? p.getRoot().relativize(p) : p) {
            String seg = segment.toString();
            List<Path> next = new ArrayList<>();
            for (Path c : current) {
                if (!hasGlob(seg)) {
                    Path candidate = c.resolve(seg);
                    if (Files.exists(candidate)) {
                        next.add(candidate);
                    }
                    continue;
                }
                if (!Files.isDirectory(c)) {
                    continue;
                }
                PathMatcher m;
                try {
                    m = FileSystems.getDefault().getPathMatcher("glob:" + seg);
                } catch (IllegalArgumentException e) {
                    continue;
                }
                List<Path> found = new ArrayList<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(c)) {
                    for (Path e : ds) {
                        String fn = e.getFileName().toString();
                        if (fn.startsWith(".") && !seg.startsWith(".")) {
                            continue;
                        }
                        if (m.matches(e.getFileName())) {
                            found.add(e);
                        }
                    }
                } catch (IOException | SecurityException e) {
                    continue;
                }
                found.sort(null);
                next.addAll(found);
            }
            current = next;
            if (current.isEmpty()) {
                break;
            }
        }
        if (current.size() == 1 && current.get(0).equals(base)) {
            return List.of();
        }
        return current;
    }

    static boolean hasGlob(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return true;
            }
        }
        return false;
    }

    static boolean isRegularNonExecutable(Path p) {
        try {
            if (!Files.isRegularFile(p)) {
                return false;
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, new LinkOption[0]);
            return !(perms.contains(PosixFilePermission.OWNER_EXECUTE)
                    || perms.contains(PosixFilePermission.GROUP_EXECUTE)
                    || perms.contains(PosixFilePermission.OTHERS_EXECUTE));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Files.isRegularFile(p);
        }
    }

}
