package keepalived.netlink;

import static keepalived.netlink.Genetlink.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GenlCodecTest {

    @Test
    void getFamilyRequestMatchesKernelLayout() {
        byte[] got = GenlFamily.encodeGetFamily(new MessageBuilder(), "nlctrl").seq(9).toByteArray();
        Golden g = new Golden()
                // nlmsghdr: 16 + 4 + 12 = 32, type GENL_ID_CTRL(0x10), REQUEST|ACK, seq 9
                .u32(32).u16(0x10).u16(0x005).u32(9).u32(0)
                // genlmsghdr: cmd CTRL_CMD_GETFAMILY(3), version 1, reserved 0
                .u8(3).u8(1).u16(0)
                // CTRL_ATTR_FAMILY_NAME(2): "nlctrl\0" = 7 -> rta_len 11, padded to 12
                .rta(11, CTRL_ATTR_FAMILY_NAME).str("nlctrl").pad(1);
        assertArrayEquals(g.bytes(), got, () -> Golden.dump(got));
    }

    @Test
    void decodesNewFamilyReplyWithMulticastGroups() {
        byte[] reply = new Golden()
                // nlmsghdr: 16 + 4 + 8 + 12 + 8 + 8 + 8 + 4+24 = 92, type 0x10, seq 9
                .u32(92).u16(0x10).u16(0).u32(9).u32(77)
                // genlmsghdr: CTRL_CMD_NEWFAMILY(1), version 2
                .u8(1).u8(2).u16(0)
                .rta(6, CTRL_ATTR_FAMILY_ID).u16(0x10).pad(2)
                .rta(11, CTRL_ATTR_FAMILY_NAME).str("nlctrl").pad(1)
                .rta(8, CTRL_ATTR_VERSION).u32(2)
                .rta(8, CTRL_ATTR_HDRSIZE).u32(0)
                .rta(8, CTRL_ATTR_MAXATTR).u32(10)
                // CTRL_ATTR_MCAST_GROUPS(7) nest: one entry (index 1), itself a nest of id + name
                .rta(28, CTRL_ATTR_MCAST_GROUPS)
                .rta(24, 1)
                .rta(8, CTRL_ATTR_MCAST_GRP_ID).u32(0x10)
                .rta(11, CTRL_ATTR_MCAST_GRP_NAME).str("notify").pad(1)
                .bytes();
        assertEquals(92, reply.length);
        GenlFamily f = GenlFamily.decode(Message.wrap(reply));
        assertEquals(0x10, f.id());
        assertEquals("nlctrl", f.name());
        assertEquals(2, f.version());
        assertEquals(10, f.maxAttribute());
        assertEquals(Map.of("notify", 0x10), f.multicastGroups());
    }
}
