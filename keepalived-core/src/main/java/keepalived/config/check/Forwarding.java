package keepalived.config.check;

import keepalived.config.Args;

/**
 * An IPVS forwarding method ({@code lb_kind}/{@code lvs_method}) with its tunnel options.
 *
 * @param tunnelType null unless TUN with {@code type}
 * @param tunnelPort the GUE port (0 when none)
 * @param checksum null, "nocsum", "csum" or "remcsum"
 */
public record Forwarding(Method method, String tunnelType, int tunnelPort, String checksum) {

    /** The IPVS forwarding methods, spelled as in the configuration. */
    public enum Method { NAT, DR, TUN }

    /** Parses {@code METHOD [type ipip|gue port N|gre] [nocsum|csum|remcsum]}; null when reported. */
    static Forwarding parse(Args a, String what) {
        String m = a.required(1);
        Method method;
        try {
            method = Method.valueOf(m);
        } catch (IllegalArgumentException e) {
            a.error("PARSER : unknown [" + m + "] routing method for " + what + ".");
            return null;
        }
        String type = null;
        String csum = null;
        int port = 0;
        for (int i = 2; i < a.size(); i++) {
            String w = a.word(i);
            if (method == Method.TUN && w.equals("type") && a.has(i + 1)) {
                type = a.word(++i);
                if (!type.equals("ipip") && !type.equals("gue") && !type.equals("gre")) {
                    a.error("Unknown tunnel type " + type + " for " + what + ".");
                    return null;
                }
            } else if (method == Method.TUN && w.equals("port") && a.has(i + 1)) {
                Long p = a.integer(++i, 1, 65535);
                if (p == null) {
                    return null;
                }
                port = p.intValue();
            } else if (method == Method.TUN && (w.equals("nocsum") || w.equals("csum") || w.equals("remcsum"))) {
                csum = w;
            } else {
                a.error("Invalid tunnel option " + w + " for " + what + ".");
                return null;
            }
        }
        if ("gue".equals(type) != (port != 0)) {
            a.error("gue tunnels require port, otherwise cannot have port.");
            return null;
        }
        return new Forwarding(method, type, port, csum);
    }
}
