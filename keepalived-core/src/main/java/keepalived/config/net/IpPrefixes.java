package keepalived.config.net;

import java.net.InetAddress;

/** Parsing of {@code ADDR[/LEN]} words used by route and rule lines. */
final class IpPrefixes {
    private IpPrefixes() {
    }

    /** An address with optional prefix length; null if the word is not one. */
    static IpPrefix parse(String w) {
        int slash = w.indexOf('/');
        InetAddress a = IpPrefix.literal(slash < 0 ? w : w.substring(0, slash));
        if (a == null) {
            return null;
        }
        if (slash < 0) {
            return new IpPrefix(a, -1);
        }
        String len = w.substring(slash + 1);
        int max = a instanceof java.net.Inet6Address ? 128 : 32;
        if (!len.matches("\\d{1,3}") || Integer.parseInt(len) > max) {
            return null;
        }
        return new IpPrefix(a, Integer.parseInt(len));
    }

    static boolean looksLikePrefix(String w) {
        return parse(w) != null;
    }
}
