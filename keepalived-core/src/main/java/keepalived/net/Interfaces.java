package keepalived.net;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import keepalived.sys.Native;
import keepalived.sys.NativeException;

/**
 * Interface lookups through ioctl on an open socket (never /sys/class/net: that does not follow
 * a per-thread network namespace switch).
 */
public final class Interfaces {
    private static final int IFREQ_SIZE = 40;
    private static final int IFR_HWADDR_DATA = 18; // sockaddr at 16: u16 family, then the address

    private Interfaces() {
    }

    /** The 6-byte MAC of {@code ifname} (SIOCGIFHWADDR) in the namespace {@code fd} belongs to. */
    public static byte[] hardwareAddress(int fd, String ifname) throws NativeException {
        byte[] ifr = ifreq(ifname);
        Native.ioctl(fd, IpConstants.SIOCGIFHWADDR, ifr);
        return Arrays.copyOfRange(ifr, IFR_HWADDR_DATA, IFR_HWADDR_DATA + 6);
    }

    /** struct ifreq with the name filled in (NUL-terminated, at most 15 characters). */
    static byte[] ifreq(String ifname) {
        byte[] name = ifname.getBytes(StandardCharsets.US_ASCII);
        if (name.length >= IpConstants.IFNAMSIZ) {
            throw new IllegalArgumentException("interface name too long: " + ifname);
        }
        byte[] ifr = new byte[IFREQ_SIZE];
        System.arraycopy(name, 0, ifr, 0, name.length);
        return ifr;
    }

    /** "aa:bb:cc:dd:ee:ff", the way ip(8) prints it. */
    public static String formatMac(byte[] mac) {
        StringBuilder sb = new StringBuilder();
        for (byte b : mac) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }
}
