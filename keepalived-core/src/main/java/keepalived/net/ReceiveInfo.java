package keepalived.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What the kernel told us about the last received packet besides its bytes: the arrival
 * interface, TTL or hop limit (VRRP and BFD's GTSM insist on 255), source and destination. One
 * instance per socket, overwritten by every receive, so the hot path allocates nothing.
 */
public final class ReceiveInfo {
    final byte[] source = new byte[16];
    final byte[] destination = new byte[16];
    int sourceLength;
    int destinationLength;
    int ifindex;
    int hopLimit;
    int port;
    boolean truncated;

    void reset() {
        sourceLength = 0;
        destinationLength = 0;
        ifindex = 0;
        hopLimit = -1;
        port = 0;
        truncated = false;
    }

    /** Index of the interface the packet arrived on; 0 if packet info was not enabled. */
    public int ifindex() {
        return ifindex;
    }

    /** IPv4 TTL or IPv6 hop limit from the IP header; -1 if not enabled on the socket. */
    public int hopLimit() {
        return hopLimit;
    }

    /** Source port (UDP); 0 for raw sockets. */
    public int port() {
        return port;
    }

    /** Whether the datagram or its control data did not fit the buffers. */
    public boolean truncated() {
        return truncated;
    }

    /** The IPv4 source as a big-endian int (no allocation); only meaningful for IPv4 sockets. */
    public int sourceIpv4() {
        return (source[0] & 0xff) << 24 | (source[1] & 0xff) << 16 | (source[2] & 0xff) << 8 | source[3] & 0xff;
    }

    /** Copies the source address (4 or 16 bytes) into {@code dst}; returns its length. */
    public int copySource(byte[] dst) {
        System.arraycopy(source, 0, dst, 0, sourceLength);
        return sourceLength;
    }

    /** The source address; allocates, so for logs and tests rather than per packet. */
    public InetAddress sourceAddress() {
        return address(source, sourceLength);
    }

    /** The packet's destination address (from packet info), e.g. the multicast group; allocates. */
    public InetAddress destinationAddress() {
        return address(destination, destinationLength);
    }

    private static InetAddress address(byte[] bytes, int length) {
        if (length == 0) {
            return null;
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOf(bytes, length));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return "from " + sourceAddress() + " to " + destinationAddress() + " ifindex " + ifindex + " hops " + hopLimit
                + (truncated ? " truncated" : "");
    }
}
