package keepalived.netlink;

import static keepalived.netlink.IfLink.*;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A network interface as RTM_NEWLINK/RTM_DELLINK carry it (struct ifinfomsg + IFLA_*).
 * {@code carrier} is -1 when the kernel did not report IFLA_CARRIER; {@code parentIndex}
 * (IFLA_LINK) and {@code masterIndex} are 0 when absent; {@code kind} comes from
 * IFLA_LINKINFO/IFLA_INFO_KIND ("veth", "macvlan", ...) and {@code macvlanMode} from its data.
 */
public record Link(int index, String name, int type, int flags, int change, byte[] mac, int mtu,
                   int operState, int carrier, int parentIndex, int masterIndex, String kind, int macvlanMode) {

    public boolean isUp() {
        return (flags & IFF_UP) != 0;
    }

    /** The kernel's view of the carrier: IFF_LOWER_UP (present in every link message). */
    public boolean hasCarrier() {
        return (flags & IFF_LOWER_UP) != 0;
    }

    public String macString() {
        return mac == null ? null : HexFormat.ofDelimiter(":").formatHex(mac);
    }

    public static Link decode(Message m) {
        var p = m.payload();
        int type = p.getShort(2) & 0xffff;
        int index = p.getInt(4);
        int flags = p.getInt(8);
        int change = p.getInt(12);
        Attributes a = m.attributes(IFINFOMSG_LEN);
        String kind = null;
        int mode = 0;
        Attributes info = a.nested(IFLA_LINKINFO);
        if (info != null) {
            kind = info.string(IFLA_INFO_KIND);
            Attributes data = "macvlan".equals(kind) ? info.nested(IFLA_INFO_DATA) : null;
            if (data != null) {
                mode = (int) data.u32(IFLA_MACVLAN_MODE, 0);
            }
        }
        return new Link(index, a.string(IFLA_IFNAME), type, flags, change, a.bytes(IFLA_ADDRESS),
                (int) a.u32(IFLA_MTU, 0), a.u8(IFLA_OPERSTATE, IF_OPER_UNKNOWN), a.u8(IFLA_CARRIER, -1),
                a.s32(IFLA_LINK, 0), a.s32(IFLA_MASTER, 0), kind, mode);
    }

    /** ifinfomsg for a request: AF_UNSPEC, the index, and the flag bits to change. */
    static MessageBuilder header(MessageBuilder b, int index, int flags, int change) {
        return b.u8(Families.AF_UNSPEC).u8(0).u16(0).u32(index).u32(flags).u32(change);
    }

    /**
     * RTM_NEWLINK body creating a macvlan {@code name} on {@code parentIndex}: the MAC (e.g. the
     * VRRP virtual MAC 00:00:5e:00:01:VRID), IFLA_LINKINFO {kind "macvlan", data {mode}}.
     */
    public static MessageBuilder encodeMacvlan(MessageBuilder b, String name, int parentIndex, byte[] mac, int mode) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("a MAC is 6 bytes, got " + mac.length);
        }
        header(b, 0, 0, 0);
        b.attrString(IFLA_IFNAME, name);
        b.attr(IFLA_ADDRESS, mac);
        b.attrU32(IFLA_LINK, parentIndex);
        int info = b.beginNested(IFLA_LINKINFO);
        b.attrString(IFLA_INFO_KIND, "macvlan");
        int data = b.beginNested(IFLA_INFO_DATA);
        b.attrU32(IFLA_MACVLAN_MODE, mode);
        b.endNested(data);
        b.endNested(info);
        return b;
    }

    /** Field-wise, comparing the MAC by content (a record compares arrays by identity). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Link l && l.index == index && l.flags == flags && l.change == change && l.type == type
                && Objects.equals(l.name, name) && Arrays.equals(l.mac, mac) && l.mtu == mtu
                && l.operState == operState && l.carrier == carrier && l.parentIndex == parentIndex
                && l.masterIndex == masterIndex && Objects.equals(l.kind, kind)
                && l.macvlanMode == macvlanMode;
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, name, flags);
    }

    @Override
    public String toString() {
        return index + ": " + name + " flags=0x" + Integer.toHexString(flags) + " mtu " + mtu + " operstate "
                + operState + " carrier " + carrier + (mac != null ? " mac " + macString() : "")
                + (kind != null ? " kind " + kind : "") + (parentIndex != 0 ? " link " + parentIndex : "");
    }
}
