package keepalived.config.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP address literal with an optional prefix length ({@code 10.0.0.1/24}, {@code fe80::1}).
 * Parsing never resolves names: keepalived uses inet_pton, so only literals are addresses.
 *
 * @param prefixLength -1 when none was written
 */
public record IpPrefix(InetAddress address, int prefixLength) {

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /** The longest prefix of the family: 32 or 128. */
    public int maxPrefix() {
        return isIpv6() ? 128 : 32;
    }

    /** Parses a bare address literal (no prefix); null when it is not one. */
    public static InetAddress literal(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            if (s.indexOf(':') >= 0) {
                if (!s.matches("[0-9A-Fa-f:.]+")) {
                    return null;
                }
                return InetAddress.getByName(s);
            }
            if (!s.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}")) {
                return null;
            }
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The address as iproute2 prints it (IPv6 compressed, RFC 5952). */
    public static String format(InetAddress a) {
        if (!(a instanceof Inet6Address)) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format(address) + (prefixLength < 0 ? "" : "/" + prefixLength);
    }
}
