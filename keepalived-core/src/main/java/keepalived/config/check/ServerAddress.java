package keepalived.config.check;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * An IP address and port of a real or sorry server (port 0 when not given).
 *
 * @param text the address as written (keepalived prints it that way)
 */
public record ServerAddress(InetAddress address, String text, int port) {

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /** keepalived's {@code [ip]:proto:port} rendering. */
    public String describe(String protocol) {
        return "[" + text + "]:" + protocol + ":" + port;
    }
}
