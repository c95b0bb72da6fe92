package keepalived.netlink;

/** Constants of {@code linux/netlink.h}: header sizes, message types, flags and socket options. */
public final class Netlink {
    private Netlink() {
    }

    public static final int AF_NETLINK = 16;             // linux/socket.h
    public static final int NETLINK_ROUTE = 0;
    public static final int NETLINK_GENERIC = 16;
    public static final int SOL_NETLINK = 270;           // linux/socket.h

    /** sizeof(struct nlmsghdr): u32 len, u16 type, u16 flags, u32 seq, u32 pid. */
    public static final int NLMSG_HDRLEN = 16;
    /** sizeof(struct nlattr) / sizeof(struct rtattr): u16 len, u16 type. */
    public static final int NLA_HDRLEN = 4;
    /** sizeof(struct nlmsgerr) without the echoed header: s32 error (the header follows). */
    public static final int NLMSGERR_ERROR_LEN = 4;

    public static final int NLMSG_NOOP = 0x1;
    public static final int NLMSG_ERROR = 0x2;
    public static final int NLMSG_DONE = 0x3;
    public static final int NLMSG_OVERRUN = 0x4;
    /** Types below this are reserved for control messages (GENL_ID_CTRL uses it). */
    public static final int NLMSG_MIN_TYPE = 0x10;

    public static final int NLM_F_REQUEST = 0x01;
    public static final int NLM_F_MULTI = 0x02;
    public static final int NLM_F_ACK = 0x04;
    public static final int NLM_F_ECHO = 0x08;
    public static final int NLM_F_DUMP_INTR = 0x10;
    // GET requests
    public static final int NLM_F_ROOT = 0x100;
    public static final int NLM_F_MATCH = 0x200;
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    // NEW requests
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    public static final int NLM_F_APPEND = 0x800;
    // flags of an NLMSG_ERROR acknowledgement
    public static final int NLM_F_CAPPED = 0x100;
    public static final int NLM_F_ACK_TLVS = 0x200;

    public static final int NLA_F_NESTED = 1 << 15;
    public static final int NLA_F_NET_BYTEORDER = 1 << 14;
    public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

    // extended ack attributes (enum nlmsgerr_attrs)
    public static final int NLMSGERR_ATTR_MSG = 1;
    public static final int NLMSGERR_ATTR_OFFS = 2;

    // setsockopt(SOL_NETLINK, ...)
    public static final int NETLINK_ADD_MEMBERSHIP = 1;
    public static final int NETLINK_DROP_MEMBERSHIP = 2;
    public static final int NETLINK_NO_ENOBUFS = 5;
    public static final int NETLINK_CAP_ACK = 10;
    public static final int NETLINK_EXT_ACK = 11;

    /** NLMSG_ALIGN / RTA_ALIGN / NLA_ALIGN: round up to 4. */
    public static int align(int len) {
        return (len + 3) & ~3;
    }
}
