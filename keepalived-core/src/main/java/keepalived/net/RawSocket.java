package keepalived.net;

import static keepalived.net.IpConstants.IPPROTO_IP;
import static keepalived.net.IpConstants.IPPROTO_IPV6;
import static keepalived.sys.LinuxConstants.AF_INET;
import static keepalived.sys.LinuxConstants.AF_INET6;
import static keepalived.sys.LinuxConstants.SOCK_RAW;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import keepalived.sys.Native;
import keepalived.sys.NativeException;

/**
 * A raw IPv4 or IPv6 socket for one IP protocol (VRRP is 112) with per-interface multicast
 * membership. IPv4 receives include the IP header; IPv6 receives start at the payload, so the hop
 * limit comes only from packet info ({@link #receivePacketInfo()}). The kernel builds the IP
 * header on send: TTL/hop limit from the multicast or unicast hop options, source from the interface.
 */
public final class RawSocket extends NetSocket {
    /** Enough for a VRRP advert with 255 IPv6 addresses (and any sane MTU). */
    public static final int DEFAULT_BUFFER = 9216;

    private RawSocket(int family, int protocol, int bufferSize) throws NativeException {
        super(family, SOCK_RAW, protocol, bufferSize);
    }

    public static RawSocket ipv4(int protocol) throws NativeException {
        return new RawSocket(AF_INET, protocol, DEFAULT_BUFFER);
    }

    public static RawSocket ipv6(int protocol) throws NativeException {
        return new RawSocket(AF_INET6, protocol, DEFAULT_BUFFER);
    }

    /** An ICMPv6 raw socket (unsolicited neighbour adverts); call {@link #blockAllIcmp6Input()} if send-only. */
    public static RawSocket icmpv6() throws NativeException {
        return new RawSocket(AF_INET6, IpConstants.IPPROTO_ICMPV6, 2048);
    }

    /** ICMP6_FILTER blocking every type, so a send-only ICMPv6 socket queues nothing. */
    public void blockAllIcmp6Input() throws NativeException {
        byte[] filter = new byte[32]; // struct icmp6_filter: a bit per type, set = block
        java.util.Arrays.fill(filter, (byte) -1);
        Native.setsockopt(fd(), IpConstants.IPPROTO_ICMPV6, IpConstants.ICMP6_FILTER, filter);
    }

    /** Joins {@code group} on interface {@code ifindex} (without it no multicast arrives). */
    public void joinGroup(InetAddress group, int ifindex) throws NativeException {
        membership(group, ifindex, true);
    }

    public void leaveGroup(InetAddress group, int ifindex) throws NativeException {
        membership(group, ifindex, false);
    }

    private void membership(InetAddress group, int ifindex, boolean join) throws NativeException {
        if (isIpv6()) {
            Native.setsockopt(fd(), IPPROTO_IPV6,
                    join ? IpConstants.IPV6_ADD_MEMBERSHIP : IpConstants.IPV6_DROP_MEMBERSHIP,
                    ipv6Mreq((Inet6Address) group, ifindex));
        } else {
            Native.setsockopt(fd(), IPPROTO_IP, join ? IpConstants.IP_ADD_MEMBERSHIP : IpConstants.IP_DROP_MEMBERSHIP,
                    ipMreqn((Inet4Address) group, ifindex));
        }
    }

    /**
     * Sends multicast out of {@code ifindex} (without it the kernel routes the group, and with no
     * multicast route fails with ENETUNREACH).
     */
    public void multicastInterface(int ifindex) throws NativeException {
        if (isIpv6()) {
            Native.setsockopt(fd(), IPPROTO_IPV6, IpConstants.IPV6_MULTICAST_IF, ifindex);
        } else {
            Native.setsockopt(fd(), IPPROTO_IP, IpConstants.IP_MULTICAST_IF, ipMreqn(null, ifindex));
        }
    }

    /** TTL / hop limit of multicast sends (VRRP: 255, RFC 5798 §5.1.1.3). */
    public void multicastHops(int hops) throws NativeException {
        if (isIpv6()) {
            Native.setsockopt(fd(), IPPROTO_IPV6, IpConstants.IPV6_MULTICAST_HOPS, hops);
        } else {
            Native.setsockopt(fd(), IPPROTO_IP, IpConstants.IP_MULTICAST_TTL, hops);
        }
    }

    /** TTL / hop limit of unicast sends (unicast VRRP peers). */
    public void unicastHops(int hops) throws NativeException {
        if (isIpv6()) {
            Native.setsockopt(fd(), IPPROTO_IPV6, IpConstants.IPV6_UNICAST_HOPS, hops);
        } else {
            Native.setsockopt(fd(), IPPROTO_IP, IpConstants.IP_TTL, hops);
        }
    }

    /**
     * IPv4 only: sends carry their own IP header (IP_HDRINCL); the kernel still fills in the header
     * checksum, and the id when it is 0. Receives are unchanged.
     */
    public void headerIncluded() throws NativeException {
        Native.setsockopt(fd(), IPPROTO_IP, IpConstants.IP_HDRINCL, 1);
    }

    /** Whether our own multicast comes back to local listeners (off for VRRP). */
    public void multicastLoop(boolean loop) throws NativeException {
        if (isIpv6()) {
            Native.setsockopt(fd(), IPPROTO_IPV6, IpConstants.IPV6_MULTICAST_LOOP, loop ? 1 : 0);
        } else {
            Native.setsockopt(fd(), IPPROTO_IP, IpConstants.IP_MULTICAST_LOOP, loop ? 1 : 0);
        }
    }

    /**
     * IPv6 only: let the kernel fill (and verify on receive) the checksum at {@code offset} of the
     * payload, pseudo-header included (VRRPv3 checksum at 6).
     */
    public void ipv6Checksum(int offset) throws NativeException {
        Native.setsockopt(fd(), IPPROTO_IPV6, IpConstants.IPV6_CHECKSUM, offset);
    }

    /** struct ip_mreqn: group (BE), local address 0, ifindex (host order); 12 bytes. */
    static byte[] ipMreqn(Inet4Address group, int ifindex) {
        byte[] m = new byte[12];
        if (group != null) {
            System.arraycopy(group.getAddress(), 0, m, 0, 4);
        }
        ByteBuffer.wrap(m).order(ByteOrder.nativeOrder()).putInt(8, ifindex);
        return m;
    }

    /** struct ipv6_mreq: group, ifindex (host order); 20 bytes. */
    static byte[] ipv6Mreq(Inet6Address group, int ifindex) {
        byte[] m = new byte[20];
        System.arraycopy(group.getAddress(), 0, m, 0, 16);
        ByteBuffer.wrap(m).order(ByteOrder.nativeOrder()).putInt(16, ifindex);
        return m;
    }
}
