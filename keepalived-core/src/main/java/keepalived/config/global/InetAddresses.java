package keepalived.config.global;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address literals as keepalived's inet_stosockaddr reads them (never a DNS lookup). */
final class InetAddresses {
    private InetAddresses() {
    }

    static final InetAddress V4_GROUP = literal("224.0.0.18");
    static final InetAddress V6_GROUP = literal("ff02::12");

    private static final String V4 = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}";

    /**
     * An IPv4 or IPv6 literal, ignoring a trailing {@code /prefix} as keepalived does; null when
     * the text is not an address.
     */
    static InetAddress parse(String text) {
        int slash = text.indexOf('/');
        String s = slash < 0 ? text : text.substring(0, slash);
        if (s.matches(V4)) {
            return literal(s);
        }
        if (s.indexOf(':') >= 0 && s.matches("[0-9A-Fa-f:.%\\w]+")) {
            try {
                InetAddress a = InetAddress.getByName(s);
                return a instanceof Inet6Address ? a : null;
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    static boolean isV4(InetAddress a) {
        return a instanceof Inet4Address;
    }

    private static InetAddress literal(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }
}
