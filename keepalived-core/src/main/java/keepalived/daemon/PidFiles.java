package keepalived.daemon;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

import keepalived.config.KeepalivedConfig;
import keepalived.config.global.RootKeywords;

/**
 * keepalived's pid files: one for the parent and one per child ("vrrp", "checker", "bfd").
 * Defaults {@code /run/keepalived.pid}, {@code /run/vrrp.pid}, {@code /run/checkers.pid},
 * {@code /run/bfd.pid}; in {@code /run/keepalived/} with {@code use_pid_dir} or a network
 * namespace; {@code _NAME} before {@code .pid} with {@code instance NAME} (which also implies the
 * directory); -p, -r, -c, -b override each one.
 *
 * @param parent  the watchdog's pid file
 * @param vrrp    the VRRP child's
 * @param checker the checker child's
 * @param bfd     the BFD child's
 */
public record PidFiles(Path parent, Path vrrp, Path checker, Path bfd) {
    /** keepalived's pid directory (with use_pid_dir, a namespace or an instance). */
    public static final Path PID_DIR = Path.of("/run/keepalived");

    /**
     * The pid files for a configuration and command line.
     *
     * @param namespace -s NAME (null if not given; the config's net_namespace applies then)
     * @param p         -p, or null
     * @param r         -r, or null
     * @param c         -c, or null
     * @param b         -b, or null
     */
    public static PidFiles of(KeepalivedConfig config, String namespace, String p, String r, String c, String b) {
        String instance = config.root().get(RootKeywords.INSTANCE);
        boolean inNamespace = namespace != null || config.root().get(RootKeywords.NET_NAMESPACE) != null;
        boolean dir = Boolean.TRUE.equals(config.root().get(RootKeywords.USE_PID_DIR)) || inNamespace
                || instance != null;
        return new PidFiles(pick(p, "keepalived", dir, instance), pick(r, "vrrp", dir, instance),
                pick(c, "checkers", dir, instance), pick(b, "bfd", dir, instance));
    }

    private static Path pick(String override, String base, boolean dir, String instance) {
        if (override != null && !override.isEmpty()) {
            return Path.of(override);
        }
        String file = base + (instance != null ? "_" + instance : "") + ".pid";
        return dir ? PID_DIR.resolve(file) : Path.of("/run", file);
    }

    /** A child's pid file by subsystem name ("vrrp", "checker", "bfd"); null for an unknown one. */
    public Path child(String subsystem) {
        return switch (subsystem) {
            case "vrrp" -> vrrp;
            case "checker", "checkers" -> checker;
            case "bfd" -> bfd;
            default -> null;
        };
    }

    /** Every file by process name ("parent" first), for --status style listings. */
    public Map<String, Path> all() {
        Map<String, Path> m = new LinkedHashMap<>();
        m.put("parent", parent);
        m.put("vrrp", vrrp);
        m.put("checker", checker);
        m.put("bfd", bfd);
        return m;
    }

    /**
     * The pid in {@code file} if that process is alive (a zombie counts, as for keepalived's
     * kill(pid, 0)); empty for no file, garbage, or a stale pid. The caller's own pid never counts,
     * so a re-launched daemon does not refuse itself.
     */
    public static OptionalLong livePid(Path file) {
        long pid;
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            pid = Long.parseLong(text);
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        if (pid <= 0 || pid == ProcessHandle.current().pid()) {
            return OptionalLong.empty();
        }
        return Files.exists(Path.of("/proc", Long.toString(pid))) ? OptionalLong.of(pid) : OptionalLong.empty();
    }

    /** A pid file this process wrote and holds locked; {@link #close()} unlocks and removes it. */
    public static final class Held implements AutoCloseable {
        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;

        private Held(Path file, FileChannel channel, FileLock lock) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
        }

        public Path file() {
            return file;
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
                if (lock != null) {
                    lock.release();
                }
                channel.close();
            } catch (IOException e) {
                // the process is leaving; a left-over file is taken over as stale next time
            }
        }
    }

    /**
     * Writes {@code pid} to {@code file} (mode 0644, the directory created if missing) and keeps
     * it locked until {@link Held#close()}. A stale file is simply overwritten.
     */
    public static Held write(Path file, long pid) throws IOException {
        Path parentDir = file.toAbsolutePath().getParent();
        if (parentDir != null && !Files.isDirectory(parentDir)) {
            Files.createDirectories(parentDir);
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            FileLock lock = ch.tryLock();
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(false);
            return new Held(file, ch, lock);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }
}
