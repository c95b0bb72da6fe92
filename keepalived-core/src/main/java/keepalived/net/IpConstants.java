package keepalived.net;

/**
 * Linux x86_64 IP-level constants for the sockets of this package, hand-written from the headers
 * named beside each group (jnr-constants has no IPPROTO_VRRP, IPV6_RECVHOPLIMIT or AF_PACKET bits).
 */
public final class IpConstants {
    private IpConstants() {
    }

    // netinet/in.h: protocols
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_ICMP = 1;
    public static final int IPPROTO_UDP = 17;
    public static final int IPPROTO_IPV6 = 41;
    public static final int IPPROTO_AH = 51;
    public static final int IPPROTO_ICMPV6 = 58;
    /** RFC 5798 §5.1.1.4 (not in glibc's headers). */
    public static final int IPPROTO_VRRP = 112;

    // linux/in.h: IPPROTO_IP options
    public static final int IP_TOS = 1;
    public static final int IP_TTL = 2;
    public static final int IP_HDRINCL = 3;
    public static final int IP_PKTINFO = 8;
    public static final int IP_RECVTTL = 12;
    public static final int IP_MULTICAST_IF = 32;
    public static final int IP_MULTICAST_TTL = 33;
    public static final int IP_MULTICAST_LOOP = 34;
    public static final int IP_ADD_MEMBERSHIP = 35;
    public static final int IP_DROP_MEMBERSHIP = 36;
    public static final int IP_MULTICAST_ALL = 49;

    // linux/in6.h (uapi): IPPROTO_IPV6 options
    public static final int IPV6_CHECKSUM = 7;
    public static final int IPV6_UNICAST_HOPS = 16;
    public static final int IPV6_MULTICAST_IF = 17;
    public static final int IPV6_MULTICAST_HOPS = 18;
    public static final int IPV6_MULTICAST_LOOP = 19;
    public static final int IPV6_ADD_MEMBERSHIP = 20;
    public static final int IPV6_DROP_MEMBERSHIP = 21;
    public static final int IPV6_V6ONLY = 26;
    public static final int IPV6_RECVPKTINFO = 49;
    public static final int IPV6_PKTINFO = 50;
    public static final int IPV6_RECVHOPLIMIT = 51;
    public static final int IPV6_HOPLIMIT = 52;
    public static final int IPV6_MULTICAST_ALL = 29;

    // linux/icmpv6.h: IPPROTO_ICMPV6 options
    public static final int ICMP6_FILTER = 1;

    // linux/if_ether.h: ethertypes (host values; AF_PACKET wants them big-endian)
    public static final int ETH_P_ALL = 0x0003;
    public static final int ETH_P_IP = 0x0800;
    public static final int ETH_P_ARP = 0x0806;
    public static final int ETH_P_IPV6 = 0x86DD;

    // linux/if_arp.h
    public static final int ARPHRD_ETHER = 1;

    // linux/sockios.h
    public static final long SIOCGIFNAME = 0x8910;
    public static final long SIOCGIFHWADDR = 0x8927;
    public static final long SIOCGIFINDEX = 0x8933;

    /** net/if.h IFNAMSIZ, including the terminating NUL. */
    public static final int IFNAMSIZ = 16;
}
