package keepalived.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import keepalived.sys.LinuxConstants;
import keepalived.sys.Native;

/**
 * A stand-in syslogd: a real AF_UNIX datagram socket bound at a path (what /dev/log is), for
 * tests that point the daemon's {@code keepalived.syslog.path} at it and read its datagrams.
 */
public final class SyslogListener implements AutoCloseable {
    private final Path path;
    private final int fd;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(65536);

    public SyslogListener(Path path) throws IOException {
        this.path = path;
        Files.deleteIfExists(path);
        fd = Native.socket(LinuxConstants.AF_UNIX, LinuxConstants.SOCK_DGRAM | LinuxConstants.SOCK_CLOEXEC, 0);
        byte[] p = path.toString().getBytes(StandardCharsets.UTF_8);
        byte[] sa = new byte[2 + p.length + 1];
        sa[0] = (byte) LinuxConstants.AF_UNIX;
        System.arraycopy(p, 0, sa, 2, p.length);
        Native.bind(fd, sa);
        Native.setNonBlocking(fd);
    }

    public Path path() {
        return path;
    }

    /** The next datagram, or null if none arrives within {@code millis}. */
    public String receive(long millis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (true) {
            buf.clear();
            if (Native.recv(fd, buf) >= 0) {
                buf.flip();
                byte[] b = new byte[buf.remaining()];
                buf.get(b);
                return new String(b, StandardCharsets.UTF_8);
            }
            if (System.nanoTime() - deadline > 0) {
                return null;
            }
            Thread.sleep(10);
        }
    }

    /** Every datagram until none has come for {@code quietMillis}. */
    public List<String> drain(long quietMillis) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>();
        for (String s; (s = receive(quietMillis)) != null; ) {
            all.add(s);
        }
        return all;
    }

    @Override
    public void close() throws IOException {
        Native.close(fd);
        Files.deleteIfExists(path);
    }
}
