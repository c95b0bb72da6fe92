package keepalived.netlink;

/** Constants of {@code linux/rtnetlink.h}: RTM_* types, rtmsg fields, RTA_* attributes, groups. */
public final class Rtnetlink {
    private Rtnetlink() {
    }

    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_SETLINK = 19;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_DELROUTE = 25;
    public static final int RTM_GETROUTE = 26;
    public static final int RTM_NEWRULE = 32;
    public static final int RTM_DELRULE = 33;
    public static final int RTM_GETRULE = 34;

    /** sizeof(struct rtmsg): family, dst_len, src_len, tos, table, protocol, scope, type (u8), flags (u32). */
    public static final int RTMSG_LEN = 12;
    /** sizeof(struct rtnexthop): u16 len, u8 flags, u8 hops, s32 ifindex. */
    public static final int RTNH_LEN = 8;
    /** sizeof(struct rtgenmsg): u8 family (padded to 4 on the wire). */
    public static final int RTGENMSG_LEN = 1;

    // enum rtattr_type_t
    public static final int RTA_DST = 1;
    public static final int RTA_SRC = 2;
    public static final int RTA_IIF = 3;
    public static final int RTA_OIF = 4;
    public static final int RTA_GATEWAY = 5;
    public static final int RTA_PRIORITY = 6;
    public static final int RTA_PREFSRC = 7;
    public static final int RTA_METRICS = 8;
    public static final int RTA_MULTIPATH = 9;
    public static final int RTA_FLOW = 11;
    public static final int RTA_CACHEINFO = 12;
    public static final int RTA_TABLE = 15;
    public static final int RTA_MARK = 16;
    public static final int RTA_PREF = 20;

    // rtm_type
    public static final int RTN_UNSPEC = 0;
    public static final int RTN_UNICAST = 1;
    public static final int RTN_LOCAL = 2;
    public static final int RTN_BROADCAST = 3;
    public static final int RTN_ANYCAST = 4;
    public static final int RTN_MULTICAST = 5;
    public static final int RTN_BLACKHOLE = 6;
    public static final int RTN_UNREACHABLE = 7;
    public static final int RTN_PROHIBIT = 8;
    public static final int RTN_THROW = 9;

    // rtm_protocol
    public static final int RTPROT_UNSPEC = 0;
    public static final int RTPROT_KERNEL = 2;
    public static final int RTPROT_BOOT = 3;
    public static final int RTPROT_STATIC = 4;
    public static final int RTPROT_KEEPALIVED = 18;

    // rtm_scope
    public static final int RT_SCOPE_UNIVERSE = 0;
    public static final int RT_SCOPE_SITE = 200;
    public static final int RT_SCOPE_LINK = 253;
    public static final int RT_SCOPE_HOST = 254;
    public static final int RT_SCOPE_NOWHERE = 255;

    // rtm_table
    public static final int RT_TABLE_UNSPEC = 0;
    public static final int RT_TABLE_DEFAULT = 253;
    public static final int RT_TABLE_MAIN = 254;
    public static final int RT_TABLE_LOCAL = 255;

    // rtnh_flags
    public static final int RTNH_F_DEAD = 1;
    public static final int RTNH_F_ONLINK = 4;
    public static final int RTNH_F_LINKDOWN = 16;

    // rtm_flags
    public static final int RTM_F_CLONED = 0x200;

    // enum rtnetlink_groups (for NETLINK_ADD_MEMBERSHIP; the legacy RTMGRP_* bit is 1 << (group - 1))
    public static final int RTNLGRP_LINK = 1;
    public static final int RTNLGRP_IPV4_IFADDR = 5;
    public static final int RTNLGRP_IPV4_ROUTE = 7;
    public static final int RTNLGRP_IPV4_RULE = 8;
    public static final int RTNLGRP_IPV6_IFADDR = 9;
    public static final int RTNLGRP_IPV6_ROUTE = 11;
    public static final int RTNLGRP_IPV6_RULE = 19;

    public static String typeName(int type) {
        return switch (type) {
            case RTM_NEWLINK -> "RTM_NEWLINK";
            case RTM_DELLINK -> "RTM_DELLINK";
            case RTM_GETLINK -> "RTM_GETLINK";
            case RTM_SETLINK -> "RTM_SETLINK";
            case RTM_NEWADDR -> "RTM_NEWADDR";
            case RTM_DELADDR -> "RTM_DELADDR";
            case RTM_GETADDR -> "RTM_GETADDR";
            case RTM_NEWROUTE -> "RTM_NEWROUTE";
            case RTM_DELROUTE -> "RTM_DELROUTE";
            case RTM_GETROUTE -> "RTM_GETROUTE";
            case RTM_NEWRULE -> "RTM_NEWRULE";
            case RTM_DELRULE -> "RTM_DELRULE";
            case RTM_GETRULE -> "RTM_GETRULE";
            default -> "type " + type;
        };
    }
}
