package keepalived.sys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import keepalived.testing.Cmd;

/**
 * Runs a test main class in a fresh JVM as {@code nobody} without capabilities (via setpriv), to
 * prove the error paths a non-root daemon meets. The jars of our class path live under /root and
 * the class directories wherever the checkout is (possibly a private directory), which nobody
 * may not read, so both are copied to a world-readable temporary directory first.
 */
public final class UnprivilegedJvm {
    private UnprivilegedJvm() {
    }

    public static Cmd.Result run(Class<?> main, String... args) {
        Path dir;
        try {
            dir = Files.createTempDirectory("kj-unpriv");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            List<String> cp = new ArrayList<>();
            int i = 0;
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path p = Path.of(entry);
                if (Files.isRegularFile(p)) {
                    Path copy = dir.resolve((i++) + "-" + p.getFileName());
                    Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                    cp.add(copy.toString());
                } else if (Files.isDirectory(p)) {
                    Path copy = dir.resolve((i++) + "-classes");
                    copyTree(p, copy);
                    cp.add(copy.toString());
                }
            }
            Path tmp = Files.createDirectory(dir.resolve("tmp")); // jffi extracts its stub here
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534",
                    "--clear-groups", java, "-Djava.io.tmpdir=" + tmp, "-cp", String.join(":", cp),
                    main.getName()));
            cmd.addAll(List.of(args));
            return Cmd.run(dir, 60, cmd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path src : (Iterable<Path>) s::iterator) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                    Files.setPosixFilePermissions(dst, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(dst, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp dir left behind is harmless
        }
    }
}
