package keepalived.nft;

import static keepalived.nft.Nft.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The batch encoder against datagrams keepalived 2.2.7 sent (strace -e write= of its
 * NETLINK_NETFILTER socket, no_accept instance with VIPs 10.77.0.100 and 10.77.0.101).
 * Sequence numbers are zeroed on both sides: they are the only per-run difference.
 */
class NftBatchTest {

    /** The hex text of a captured datagram, sequence numbers zeroed. */
    static String captured(Class<?> c, String name) throws IOException {
        try (InputStream in = c.getResourceAsStream("/keepalived/nft/" + name)) {
            return normalised(HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim()));
        }
    }

    /** One line per message, its nlmsg_seq zeroed, so a mismatch shows which message differs. */
    static String normalised(byte[] datagram) {
        ByteBuffer b = ByteBuffer.wrap(datagram.clone()).order(ByteOrder.nativeOrder());
        StringBuilder out = new StringBuilder();
        int off = 0;
        while (off < datagram.length) {
            int len = b.getInt(off);
            b.putInt(off + 8, 0);
            out.append(HexFormat.of().formatHex(b.array(), off, off + len)).append('\n');
            off += (len + 3) & ~3;
        }
        return out.toString();
    }

    @Test
    void deletingSetElementsMatchesKeepalived() throws Exception {
        List<byte[]> keys = List.of(InetAddress.getByName("10.77.0.100").getAddress(),
                InetAddress.getByName("10.77.0.101").getAddress());
        byte[] got = new NftBatch().delSetElements(NFPROTO_IPV4, "keepalived", "vips", keys).encode(1);
        assertEquals(captured(getClass(), "ipv4-backup.hex"), normalised(got));
    }

    @Test
    void deletingTablesMatchesKeepalived() throws Exception {
        byte[] got = new NftBatch().delTable(NFPROTO_IPV4, "mytab").delTable(NFPROTO_IPV6, "mytab").encode(1);
        assertEquals(captured(getClass(), "both-stop.hex"), normalised(got));
        byte[] one = new NftBatch().delTable(NFPROTO_IPV4, "keepalived").encode(7);
        assertEquals(captured(getClass(), "ipv4-stop.hex"), normalised(one));
    }

    @Test
    void batchBeginAndEndCarryTheNftablesSubsystem() {
        byte[] got = new NftBatch().encode(5);
        // nlmsghdr(len 20, type 0x10, flags REQUEST, seq 5, pid 0) + nfgenmsg(AF_UNSPEC, v0, res_id be16 10)
        ByteBuffer b = ByteBuffer.wrap(got).order(ByteOrder.nativeOrder());
        assertEquals(40, got.length);
        assertEquals(20, b.getInt(0));
        assertEquals(NFNL_MSG_BATCH_BEGIN, b.getShort(4));
        assertEquals(1, b.getShort(6));
        assertEquals(5, b.getInt(8));
        assertEquals(0x000a, Short.toUnsignedInt(b.order(ByteOrder.BIG_ENDIAN).getShort(18)));
        assertEquals(NFNL_MSG_BATCH_END, b.order(ByteOrder.nativeOrder()).getShort(24));
        assertEquals(6, b.getInt(28));
    }
}
