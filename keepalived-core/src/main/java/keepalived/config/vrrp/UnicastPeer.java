package keepalived.config.vrrp;

import java.net.InetAddress;
import keepalived.config.Origin;

/**
 * A {@code unicast_peer} entry: {@code IP [min_ttl N] [max_ttl N]}.
 *
 * @param minTtl null when not given
 * @param maxTtl null when not given
 */
public record UnicastPeer(InetAddress address, Integer minTtl, Integer maxTtl, Origin origin) {

    @Override
    public String toString() {
        return keepalived.config.net.IpPrefix.format(address) + (minTtl == null ? "" : " min_ttl " + minTtl)
                + (maxTtl == null ? "" : " max_ttl " + maxTtl);
    }
}
