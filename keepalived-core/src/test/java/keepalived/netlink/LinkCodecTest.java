package keepalived.netlink;

import static keepalived.netlink.IfLink.*;
import static keepalived.netlink.Netlink.*;
import static keepalived.netlink.Rtnetlink.RTM_NEWLINK;
import static org.junit.jupiter.api.Assertions.*;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class LinkCodecTest {
    private static final byte[] VMAC = HexFormat.of().parseHex("00005e000133");

    @Test
    void macvlanCreationMatchesKernelLayout() {
        MessageBuilder b = new MessageBuilder().begin(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE
                | NLM_F_EXCL).seq(42);
        byte[] got = Link.encodeMacvlan(b, "vrrp.51", 4, VMAC, MACVLAN_MODE_PRIVATE).toByteArray();

        Golden g = new Golden()
                // nlmsghdr: len 16+16+12+12+8+28 = 92, RTM_NEWLINK(16), REQUEST|ACK|EXCL|CREATE, seq 42
                .u32(92).u16(16).u16(0x605).u32(42).u32(0)
                // ifinfomsg: family AF_UNSPEC, pad, type 0, index 0 (kernel picks), flags 0, change 0
                .u8(0).u8(0).u16(0).u32(0).u32(0).u32(0)
                // IFLA_IFNAME(3): "vrrp.51\0" = 8 bytes, rta_len 12
                .rta(12, IFLA_IFNAME).str("vrrp.51")
                // IFLA_ADDRESS(1): 6-byte MAC, rta_len 10, padded to 12
                .rta(10, IFLA_ADDRESS).hex("00:00:5e:00:01:33").pad(2)
                // IFLA_LINK(5): parent ifindex 4
                .rta(8, IFLA_LINK).u32(4)
                // IFLA_LINKINFO(18) nest: 4 + 12 (kind) + 12 (data) = 28
                .rta(28, IFLA_LINKINFO)
                //   IFLA_INFO_KIND(1): "macvlan\0" = 8 bytes
                .rta(12, IFLA_INFO_KIND).str("macvlan")
                //   IFLA_INFO_DATA(2) nest: 4 + 8
                .rta(12, IFLA_INFO_DATA)
                //     IFLA_MACVLAN_MODE(1): u32 MACVLAN_MODE_PRIVATE(1)
                .rta(8, IFLA_MACVLAN_MODE).u32(1);
        assertArrayEquals(g.bytes(), got, () -> Golden.dump(got));

        Link l = Link.decode(Message.wrap(got));
        assertEquals("vrrp.51", l.name());
        assertEquals("00:00:5e:00:01:33", l.macString());
        assertEquals(4, l.parentIndex());
        assertEquals("macvlan", l.kind());
        assertEquals(MACVLAN_MODE_PRIVATE, l.macvlanMode());
    }

    @Test
    void decodesAKernelLinkEventForADownVeth() {
        byte[] event = new Golden()
                // nlmsghdr: 16+16+12+8+8+8+12+16 = 96, RTM_NEWLINK, no flags (a multicast event)
                .u32(96).u16(16).u16(0).u32(0).u32(0)
                // ifinfomsg: AF_UNSPEC, pad, ARPHRD_ETHER(1), index 7, flags BROADCAST|MULTICAST|UP, change IFF_UP
                .u8(0).u8(0).u16(1).u32(7).u32(0x1003).u32(1)
                .rta(9, IFLA_IFNAME).str("eth0").pad(3)                 // "eth0\0": 4+5, padded to 12
                .rta(8, IFLA_MTU).u32(1500)
                .rta(5, IFLA_OPERSTATE).u8(IF_OPER_DOWN).pad(3)         // u8 padded to 8
                .rta(5, IFLA_CARRIER).u8(0).pad(3)
                .rta(10, IFLA_ADDRESS).hex("02:00:00:00:00:07").pad(2)
                // IFLA_LINKINFO flagged NLA_F_NESTED (the kernel sets it): 4 + kind 12
                .rta(16, IFLA_LINKINFO | NLA_F_NESTED)
                .rta(9, IFLA_INFO_KIND).str("veth").pad(3)
                .bytes();
        assertEquals(96, event.length);
        Link l = Link.decode(Message.wrap(event));
        assertEquals(7, l.index());
        assertEquals("eth0", l.name());
        assertEquals(1500, l.mtu());
        assertEquals(IF_OPER_DOWN, l.operState());
        assertEquals(0, l.carrier());
        assertTrue(l.isUp());
        assertFalse(l.hasCarrier());
        assertEquals(1, l.change());
        assertEquals("veth", l.kind());
        assertEquals("02:00:00:00:00:07", l.macString());
    }
}
