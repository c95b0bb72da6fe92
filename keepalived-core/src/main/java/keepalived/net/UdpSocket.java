package keepalived.net;

import static keepalived.net.IpConstants.IPPROTO_IP;
import static keepalived.net.IpConstants.IPPROTO_IPV6;
import static keepalived.sys.LinuxConstants.AF_INET;
import static keepalived.sys.LinuxConstants.AF_INET6;
import static keepalived.sys.LinuxConstants.SOCK_DGRAM;
import static keepalived.sys.LinuxConstants.SOL_SOCKET;

import keepalived.sys.LinuxConstants;
import keepalived.sys.Native;
import keepalived.sys.NativeException;

/**
 * A non-blocking UDP socket whose receives report TTL/hop limit and arrival interface, as BFD
 * needs for its single-hop TTL 255 check (RFC 5881 §5).
 */
public final class UdpSocket extends NetSocket {
    /** Largest BFD control packet with authentication is far below this. */
    public static final int DEFAULT_BUFFER = 2048;

    private UdpSocket(int family) throws NativeException {
        super(family, SOCK_DGRAM, 0, DEFAULT_BUFFER);
    }

    public static UdpSocket ipv4() throws NativeException {
        return new UdpSocket(AF_INET);
    }

    public static UdpSocket ipv6() throws NativeException {
        return new UdpSocket(AF_INET6);
    }

    public void reuseAddress(boolean on) throws NativeException {
        Native.setsockopt(fd(), SOL_SOCKET, LinuxConstants.SO_REUSEADDR, on ? 1 : 0);
    }

    /** TTL / hop limit of sent packets (BFD single hop: 255). */
    public void hops(int hops) throws NativeException {
        if (isIpv6()) {
            Native.setsockopt(fd(), IPPROTO_IPV6, IpConstants.IPV6_UNICAST_HOPS, hops);
        } else {
            Native.setsockopt(fd(), IPPROTO_IP, IpConstants.IP_TTL, hops);
        }
    }

    /** IPV6_V6ONLY: keep an IPv6 socket from also taking IPv4-mapped traffic. */
    public void ipv6Only(boolean on) throws NativeException {
        Native.setsockopt(fd(), IPPROTO_IPV6, IpConstants.IPV6_V6ONLY, on ? 1 : 0);
    }

    /** connect(2): fixes the peer so {@code send(buf, null)} works and other senders are filtered. */
    public void connect(byte[] sockaddr) throws NativeException {
        Native.connect(fd(), sockaddr);
    }

    /** The bound local address (e.g. to learn the port the kernel picked). */
    public byte[] localAddress() throws NativeException {
        byte[] sa = new byte[isIpv6() ? SockAddr.IN6_SIZE : SockAddr.IN_SIZE];
        Native.getsockname(fd(), sa);
        return sa;
    }
}
