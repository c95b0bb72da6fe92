package keepalived.netlink;

/** Constants of {@code linux/genetlink.h}: genlmsghdr and the nlctrl family (CTRL_*). */
public final class Genetlink {
    private Genetlink() {
    }

    /** sizeof(struct genlmsghdr): u8 cmd, u8 version, u16 reserved. */
    public static final int GENL_HDRLEN = 4;
    /** The controller family's fixed id (= NLMSG_MIN_TYPE). */
    public static final int GENL_ID_CTRL = 0x10;

    public static final int CTRL_CMD_NEWFAMILY = 1;
    public static final int CTRL_CMD_GETFAMILY = 3;

    public static final int CTRL_ATTR_FAMILY_ID = 1;
    public static final int CTRL_ATTR_FAMILY_NAME = 2;
    public static final int CTRL_ATTR_VERSION = 3;
    public static final int CTRL_ATTR_HDRSIZE = 4;
    public static final int CTRL_ATTR_MAXATTR = 5;
    public static final int CTRL_ATTR_OPS = 6;
    public static final int CTRL_ATTR_MCAST_GROUPS = 7;

    public static final int CTRL_ATTR_MCAST_GRP_NAME = 1;
    public static final int CTRL_ATTR_MCAST_GRP_ID = 2;
}
