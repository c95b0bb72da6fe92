package keepalived.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import keepalived.sys.LinuxConstants;
import keepalived.sys.Native;
import keepalived.sys.NativeException;

/**
 * The datagram socket to syslogd's {@code /dev/log}, kept the way glibc's syslog(3) keeps it:
 * connected lazily on the first line; when a send fails (syslogd restarted, so the old socket
 * is gone) it reconnects once and resends; when there is no listener the line is dropped
 * without a word. Two differences, both so a slow or absent syslogd can never hold up the VRRP
 * event loop: the socket is non-blocking (a full receive queue drops the line where glibc would
 * block), and a failed connect is retried at most once a second rather than on every line.
 */
final class SyslogSocket {
    private static final long RETRY_NANOS = 1_000_000_000L;
    private static final int SUN_PATH_MAX = 108;

    private final byte[] sockaddr;
    private int fd = -1;
    private boolean connected;
    private long nextAttempt = System.nanoTime();

    SyslogSocket(String path) {
        this.sockaddr = sockaddrUn(path);
    }

    /** struct sockaddr_un for a path (family in native order, then the NUL-terminated path). */
    private static byte[] sockaddrUn(String path) {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        if (p.length >= SUN_PATH_MAX) {
            throw new IllegalArgumentException("syslog socket path too long: " + path);
        }
        byte[] sa = new byte[2 + p.length + 1];
        sa[0] = (byte) LinuxConstants.AF_UNIX; // little-endian sa_family_t (x86_64)
        System.arraycopy(p, 0, sa, 2, p.length);
        return sa;
    }

    /** Sends one datagram (buf's remaining bytes); returns false when the line was dropped. */
    boolean send(ByteBuffer buf) {
        int start = buf.position();
        if (connected) {
            int r = trySend(buf);
            if (r != FAILED) {
                return r == SENT; // a full queue drops the line but keeps the socket
            }
            // the listener went away (syslogd restarted): reconnect at once and resend, as glibc
        } else if (System.nanoTime() - nextAttempt < 0) {
            return false;
        }
        if (!connect()) {
            return false;
        }
        buf.position(start);
        return trySend(buf) == SENT;
    }

    private static final int SENT = 0;
    private static final int FULL = 1;
    private static final int FAILED = 2;

    private int trySend(ByteBuffer buf) {
        try {
            return Native.sendto(fd, buf, null) >= 0 ? SENT : FULL;
        } catch (NativeException e) {
            closeQuietly();
            return FAILED;
        }
    }

    /** Opens and connects the socket; after a failure the next attempt waits a second. */
    private boolean connect() {
        closeQuietly();
        try {
            fd = Native.socket(LinuxConstants.AF_UNIX, LinuxConstants.SOCK_DGRAM | LinuxConstants.SOCK_CLOEXEC, 0);
            Native.setNonBlocking(fd);
            Native.connect(fd, sockaddr);
            connected = true;
            return true;
        } catch (NativeException e) {
            closeQuietly();
            nextAttempt = System.nanoTime() + RETRY_NANOS;
            return false;
        }
    }

    void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        connected = false;
        if (fd >= 0) {
            try {
                Native.close(fd);
            } catch (NativeException ignored) {
                // the descriptor is gone either way
            }
            fd = -1;
        }
    }
}
