package keepalived.netlink;

import static keepalived.netlink.Netlink.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTest {

    @Test
    void splitsADatagramOfSeveralMessagesOnAlignedLengths() {
        byte[] dgram = new Golden()
                // a 17-byte message (one payload byte, then 3 padding bytes) ...
                .u32(17).u16(20).u16(NLM_F_MULTI).u32(5).u32(0).u8(0xAA).pad(3)
                // ... then NLMSG_DONE with its s32 status
                .u32(20).u16(NLMSG_DONE).u16(NLM_F_MULTI).u32(5).u32(0).u32(0)
                .bytes();
        List<Message> ms = Message.split(ByteBuffer.wrap(dgram));
        assertEquals(2, ms.size());
        assertEquals(17, ms.get(0).length());
        assertEquals((byte) 0xAA, ms.get(0).payload().get(0));
        assertEquals(1, ms.get(0).payload().remaining());
        assertTrue(ms.get(1).isDone());
        assertEquals(5, ms.get(1).seq());
    }

    @Test
    void rejectsALengthPastTheDatagram() {
        byte[] bad = new Golden().u32(64).u16(20).u16(0).u32(0).u32(0).bytes();
        assertThrows(IllegalArgumentException.class, () -> Message.split(ByteBuffer.wrap(bad)));
    }

    @Test
    void errorMessageCarriesErrnoAndExtendedAckText() {
        byte[] err = new Golden()
                // nlmsghdr: NLMSG_ERROR, flags CAPPED|ACK_TLVS (only the request header is echoed)
                .u32(16 + 4 + 16 + 20).u16(NLMSG_ERROR).u16(NLM_F_CAPPED | NLM_F_ACK_TLVS).u32(3).u32(0)
                // nlmsgerr: error -17 (EEXIST), then the echoed request nlmsghdr
                .u32(-17)
                .u32(40).u16(20).u16(0x605).u32(3).u32(0)
                // NLMSGERR_ATTR_MSG(1): "File exists\0" = 12 -> rta_len 16
                .rta(16, NLMSGERR_ATTR_MSG).str("File exists")
                .bytes();
        Message m = Message.wrap(err);
        assertTrue(m.isError());
        assertEquals(-17, m.errorCode());
        assertEquals("File exists", m.extendedAckMessage());
    }

    @Test
    void builderPadsAttributesAndPatchesNestLengths() {
        MessageBuilder b = new MessageBuilder(8).begin(100, NLM_F_REQUEST);
        int nest = b.beginNested(1 | NLA_F_NESTED);
        b.attrU8(2, 7);
        b.attrString(3, "abc");
        b.endNested(nest);
        byte[] got = b.toByteArray();
        Golden g = new Golden().u32(36).u16(100).u16(1).u32(0).u32(0)
                .rta(20, 1 | NLA_F_NESTED)       // nest: 4 + 8 + 8
                .rta(5, 2).u8(7).pad(3)          // u8 attribute: rta_len 5, padded to 8
                .rta(8, 3).str("abc");           // "abc\0": rta_len 8
        assertArrayEquals(g.bytes(), got, () -> Golden.dump(got));
        Attributes outer = Message.wrap(got).attributes(0);
        Attributes inner = outer.nested(1);
        assertEquals(7, inner.u8(2, -1));
        assertEquals("abc", inner.string(3));
    }

    @Test
    void truncatedAttributeIsAnError() {
        ByteBuffer b = ByteBuffer.wrap(new Golden().rta(12, 1).u32(0).bytes());
        assertThrows(IllegalArgumentException.class, () -> Attributes.parse(b));
    }
}
