package keepalived.netlink;

/** Constants of {@code linux/if_addr.h}: ifaddrmsg, IFA_* attributes and IFA_F_* flags. */
public final class IfAddr {
    private IfAddr() {
    }

    /** sizeof(struct ifaddrmsg): u8 family, u8 prefixlen, u8 flags, u8 scope, u32 index. */
    public static final int IFADDRMSG_LEN = 8;
    /** sizeof(struct ifa_cacheinfo): u32 prefered, u32 valid, u32 cstamp, u32 tstamp. */
    public static final int IFA_CACHEINFO_LEN = 16;
    /** A lifetime of 0xFFFFFFFF seconds means forever. */
    public static final long INFINITY_LIFE_TIME = 0xFFFFFFFFL;

    public static final int IFA_ADDRESS = 1;
    public static final int IFA_LOCAL = 2;
    public static final int IFA_LABEL = 3;
    public static final int IFA_BROADCAST = 4;
    public static final int IFA_ANYCAST = 5;
    public static final int IFA_CACHEINFO = 6;
    public static final int IFA_MULTICAST = 7;
    public static final int IFA_FLAGS = 8;
    public static final int IFA_RT_PRIORITY = 9;

    public static final int IFA_F_SECONDARY = 0x01;
    public static final int IFA_F_NODAD = 0x02;
    public static final int IFA_F_OPTIMISTIC = 0x04;
    public static final int IFA_F_DADFAILED = 0x08;
    public static final int IFA_F_HOMEADDRESS = 0x10;
    public static final int IFA_F_DEPRECATED = 0x20;
    public static final int IFA_F_TENTATIVE = 0x40;
    public static final int IFA_F_PERMANENT = 0x80;
    public static final int IFA_F_MANAGETEMPADDR = 0x100;
    public static final int IFA_F_NOPREFIXROUTE = 0x200;
}
