package keepalived.config;

import java.net.NetworkInterface;
import java.net.SocketException;

/**
 * What the semantic checks need to know about the host they run on: which interfaces exist.
 * The default looks at the network namespace the process runs in.
 */
public interface Host {

    boolean interfaceExists(String name);

    boolean isLoopback(String name);

    /** The host this process runs on (its current network namespace). */
    static Host current() {
        return new Host() {
            @Override
            public boolean interfaceExists(String name) {
                try {
                    return NetworkInterface.getByName(name) != null;
                } catch (SocketException e) {
                    return false;
                }
            }

            @Override
            public boolean isLoopback(String name) {
                try {
                    NetworkInterface i = NetworkInterface.getByName(name);
                    return i != null && i.isLoopback();
                } catch (SocketException e) {
                    return false;
                }
            }
        };
    }
}
