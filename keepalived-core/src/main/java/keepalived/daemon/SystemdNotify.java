package keepalived.daemon;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import keepalived.sys.Native;
import keepalived.sys.NativeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sd_notify(3) for systemd's {@code Type=notify} (Debian's unit): a datagram to the AF_UNIX
 * socket named by {@code NOTIFY_SOCKET} (a path, or an abstract name written with a leading '@').
 * A no-op without NOTIFY_SOCKET. Hand-written over the existing socket/sendto wrappers: a
 * sockaddr_un is a family and a path, and no library call needed.
 */
public final class SystemdNotify {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived");
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;

    private final byte[] address;

    private SystemdNotify(byte[] address) {
        this.address = address;
    }

    /** From this process's environment. */
    public static SystemdNotify fromEnvironment() {
        return of(System.getenv("NOTIFY_SOCKET"));
    }

    /** For {@code socket} as NOTIFY_SOCKET spells it; null or empty = no-op. */
    public static SystemdNotify of(String socket) {
        if (socket == null || socket.isEmpty() || !(socket.startsWith("/") || socket.startsWith("@"))) {
            return new SystemdNotify(null);
        }
        byte[] path = socket.getBytes(StandardCharsets.UTF_8);
        boolean isAbstract = path[0] == '@';
        if (isAbstract) {
            path[0] = 0;
        }
        // sockaddr_un: sun_family (host order), then the path; a file path NUL-terminated, an abstract one not
        ByteBuffer b = ByteBuffer.allocate(2 + path.length + (isAbstract ? 0 : 1)).order(ByteOrder.nativeOrder());
        b.putShort((short) AF_UNIX).put(path);
        return new SystemdNotify(b.array());
    }

    public boolean enabled() {
        return address != null;
    }

    /** READY=1: the daemon is up (its children started). */
    public void ready() {
        send("READY=1\nSTATUS=Running");
    }

    /** RELOADING=1 at the start of a reload; {@link #ready()} when it is over. */
    public void reloading() {
        send("RELOADING=1");
    }

    public void stopping() {
        send("STOPPING=1");
    }

    /** Sends one notification; failures are logged at debug level (systemd gone is not our problem). */
    public void send(String state) {
        if (address == null) {
            return;
        }
        int fd = -1;
        try {
            fd = Native.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            Native.sendto(fd, ByteBuffer.wrap(state.getBytes(StandardCharsets.UTF_8)), address);
        } catch (NativeException e) {
            LOG.debug("sd_notify {} failed: {}", state, e.getMessage());
        } finally {
            if (fd >= 0) {
                try {
                    Native.close(fd);
                } catch (NativeException e) {
                    // nothing to do
                }
            }
        }
    }
}
