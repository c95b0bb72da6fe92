package keepalived.netlink;

import static keepalived.netlink.Genetlink.*;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generic netlink family as CTRL_CMD_NEWFAMILY describes it: the dynamic id to use as the
 * nlmsg_type of its messages, and its multicast groups by name (for event subscription).
 */
public record GenlFamily(int id, String name, int version, int headerSize, int maxAttribute,
                         Map<String, Integer> multicastGroups) {

    public GenlFamily {
        multicastGroups = Map.copyOf(multicastGroups);
    }

    /** CTRL_CMD_GETFAMILY by name, addressed to the controller (nlmsg_type GENL_ID_CTRL). */
    public static MessageBuilder encodeGetFamily(MessageBuilder b, String name) {
        b.begin(GENL_ID_CTRL, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK);
        b.u8(CTRL_CMD_GETFAMILY).u8(1).u16(0); // genlmsghdr: cmd, version, reserved
        b.attrString(CTRL_ATTR_FAMILY_NAME, name);
        return b;
    }

    public static GenlFamily decode(Message m) {
        Attributes a = m.attributes(GENL_HDRLEN);
        Map<String, Integer> groups = new LinkedHashMap<>();
        Attributes mcast = a.nested(CTRL_ATTR_MCAST_GROUPS);
        if (mcast != null) {
            for (int i = 0; i < mcast.size(); i++) { // entries 1..n, each a nest of name + id
                Attributes g = Attributes.parse(mcast.value(i));
                groups.put(g.string(CTRL_ATTR_MCAST_GRP_NAME), (int) g.u32(CTRL_ATTR_MCAST_GRP_ID, 0));
            }
        }
        return new GenlFamily(a.u16(CTRL_ATTR_FAMILY_ID, 0), a.string(CTRL_ATTR_FAMILY_NAME),
                (int) a.u32(CTRL_ATTR_VERSION, 0), (int) a.u32(CTRL_ATTR_HDRSIZE, 0),
                (int) a.u32(CTRL_ATTR_MAXATTR, 0), groups);
    }
}
