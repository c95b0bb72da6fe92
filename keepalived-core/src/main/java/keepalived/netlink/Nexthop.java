package keepalived.netlink;

import java.net.InetAddress;

/**
 * One path of a multipath route (struct rtnexthop followed by its own attributes).
 * {@code weight} is 1..256; the wire carries {@code rtnh_hops = weight - 1}.
 */
public record Nexthop(int ifindex, InetAddress gateway, int weight, int flags) {

    public Nexthop {
        if (weight < 1 || weight > 256) {
            throw new IllegalArgumentException("nexthop weight " + weight + " not in 1..256");
        }
    }

    public static Nexthop via(InetAddress gateway, int ifindex, int weight) {
        return new Nexthop(ifindex, gateway, weight, 0);
    }

    @Override
    public String toString() {
        return (gateway != null ? "via " + gateway.getHostAddress() + " " : "") + "dev " + ifindex
                + " weight " + weight + (flags != 0 ? " flags 0x" + Integer.toHexString(flags) : "");
    }
}
