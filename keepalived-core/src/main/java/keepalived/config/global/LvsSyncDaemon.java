package keepalived.config.global;

import java.net.InetAddress;
import keepalived.config.Origin;

/**
 * {@code lvs_sync_daemon IF [[inst] VI] [id N] [maxlen N] [port N] [ttl N] [group IP]}: the
 * IPVS connection sync daemon, optionally following a VRRP instance's state. Null fields are
 * unset (kernel or VRID defaults).
 */
public record LvsSyncDaemon(String iface, String vrrpInstance, Integer syncId, Integer maxLen,
        Integer port, Integer ttl, InetAddress group, Origin origin) {

    public static final int DEFAULT_PORT = 8848;
}
