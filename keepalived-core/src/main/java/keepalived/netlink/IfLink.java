package keepalived.netlink;

/** Constants of {@code linux/if_link.h} (IFLA_*, macvlan) and {@code linux/if.h} (IFF_*, IF_OPER_*). */
public final class IfLink {
    private IfLink() {
    }

    /** sizeof(struct ifinfomsg): u8 family, u8 pad, u16 type, s32 index, u32 flags, u32 change. */
    public static final int IFINFOMSG_LEN = 16;

    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_BROADCAST = 2;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MTU = 4;
    public static final int IFLA_LINK = 5;
    public static final int IFLA_MASTER = 10;
    public static final int IFLA_OPERSTATE = 16;
    public static final int IFLA_LINKINFO = 18;
    public static final int IFLA_CARRIER = 33;

    // IFLA_LINKINFO nest
    public static final int IFLA_INFO_KIND = 1;
    public static final int IFLA_INFO_DATA = 2;
    // IFLA_INFO_DATA nest for kind "macvlan"
    public static final int IFLA_MACVLAN_MODE = 1;
    public static final int MACVLAN_MODE_PRIVATE = 1;
    public static final int MACVLAN_MODE_VEPA = 2;
    public static final int MACVLAN_MODE_BRIDGE = 4;

    // net_device_flags (linux/if.h)
    public static final int IFF_UP = 0x1;
    public static final int IFF_BROADCAST = 0x2;
    public static final int IFF_LOOPBACK = 0x8;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_NOARP = 0x80;
    public static final int IFF_MULTICAST = 0x1000;
    public static final int IFF_LOWER_UP = 0x10000;

    // IF_OPER_* (RFC 2863 operational states)
    public static final int IF_OPER_UNKNOWN = 0;
    public static final int IF_OPER_DOWN = 2;
    public static final int IF_OPER_LOWERLAYERDOWN = 3;
    public static final int IF_OPER_UP = 6;
}
