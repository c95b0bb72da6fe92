package keepalived.netlink;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** AF_INET / AF_INET6 numbers and the family of an address (linux/socket.h). */
public final class Families {
    private Families() {
    }

    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    public static int of(InetAddress a) {
        if (a instanceof Inet4Address) {
            return AF_INET;
        }
        if (a instanceof Inet6Address) {
            return AF_INET6;
        }
        throw new IllegalArgumentException("not an IP address: " + a);
    }

    /** Host bits of an address beyond its prefix length, e.g. the full length of a host route. */
    public static int bits(int family) {
        return family == AF_INET6 ? 128 : 32;
    }
}
