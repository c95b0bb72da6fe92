package keepalived.net;

import static keepalived.sys.LinuxConstants.AF_INET;
import static keepalived.sys.LinuxConstants.AF_INET6;
import static keepalived.sys.LinuxConstants.AF_PACKET;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds and reads the kernel's socket address structs as byte arrays. Families are host order,
 * ports and addresses network order. Build a destination once and reuse the array per packet.
 */
public final class SockAddr {
    public static final int IN_SIZE = 16;
    public static final int IN6_SIZE = 28;
    public static final int LL_SIZE = 20;

    private SockAddr() {
    }

    /** sockaddr_in or sockaddr_in6 (scope id = {@code ifindex} for link-local, else 0). */
    public static byte[] inet(InetAddress address, int port, int ifindex) {
        if (address instanceof Inet4Address) {
            byte[] sa = new byte[IN_SIZE];
            ByteBuffer.wrap(sa).order(ByteOrder.nativeOrder()).putShort(0, (short) AF_INET);
            ByteBuffer.wrap(sa).order(ByteOrder.BIG_ENDIAN).putShort(2, (short) port);
            System.arraycopy(address.getAddress(), 0, sa, 4, 4);
            return sa;
        }
        byte[] sa = new byte[IN6_SIZE];
        ByteBuffer n = ByteBuffer.wrap(sa).order(ByteOrder.nativeOrder());
        n.putShort(0, (short) AF_INET6);
        ByteBuffer.wrap(sa).order(ByteOrder.BIG_ENDIAN).putShort(2, (short) port); // flowinfo at 4 stays 0
        System.arraycopy(address.getAddress(), 0, sa, 8, 16);
        int scope = ((Inet6Address) address).getScopeId();
        n.putInt(24, scope != 0 ? scope : ifindex);
        return sa;
    }

    /** sockaddr_in or sockaddr_in6 without a port or scope: a raw-socket destination. */
    public static byte[] inet(InetAddress address) {
        return inet(address, 0, 0);
    }

    /** The wildcard address of a family, for bind(). */
    public static byte[] any(int family, int port) {
        try {
            return inet(InetAddress.getByAddress(new byte[family == AF_INET ? 4 : 16]), port, 0);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * sockaddr_ll to send a frame on {@code ifindex} to {@code mac}; {@code ethertype} in host
     * order (stored big-endian, as sll_protocol must be).
     */
    public static byte[] link(int ifindex, int ethertype, byte[] mac) {
        byte[] sa = new byte[LL_SIZE];
        ByteBuffer n = ByteBuffer.wrap(sa).order(ByteOrder.nativeOrder());
        n.putShort(0, (short) AF_PACKET);
        ByteBuffer.wrap(sa).order(ByteOrder.BIG_ENDIAN).putShort(2, (short) ethertype);
        n.putInt(4, ifindex);
        n.putShort(8, (short) IpConstants.ARPHRD_ETHER);
        sa[11] = (byte) mac.length; // sll_pkttype at 10 stays 0 on send
        System.arraycopy(mac, 0, sa, 12, mac.length);
        return sa;
    }

    /** The address family of a sockaddr in a native-order buffer. */
    public static int family(ByteBuffer sockaddr) {
        return sockaddr.getShort(0) & 0xffff;
    }

    /** Copies the IP address of a sockaddr_in/in6 into {@code dst} (4 or 16 bytes); returns the length. */
    public static int copyAddress(ByteBuffer sockaddr, byte[] dst) {
        int family = family(sockaddr);
        if (family == AF_INET) {
            sockaddr.get(4, dst, 0, 4);
            return 4;
        }
        if (family == AF_INET6) {
            sockaddr.get(8, dst, 0, 16);
            return 16;
        }
        return 0;
    }
}
