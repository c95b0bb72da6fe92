package keepalived.vrrp.io;

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

import keepalived.nft.NftBatch;

/**
 * The ruleset batches against what keepalived 2.2.7 sent when the instance became MASTER
 * (strace -e write= of its NETLINK_NETFILTER socket; see keepalived-behaviour.md §3.7):
 * ipv4-master: no_accept, VIPs 10.77.0.100/24 and 10.77.0.101, set id 1;
 * ipv6-master: vrrp_strict, VIPs fe80::63 and fd00:77::63 on ifindex 4123, set ids 2..4;
 * *-counters-master: nftables mytab, nftables_priority -5, nftables_counters, VIP 10.77.0.171
 * (set id 1) and fe80::72, fd00:77::72 (set ids 2..4, ifindex 4123).
 */
class AcceptRulesetTest {
    private static final AcceptRuleset DEFAULT = new AcceptRuleset("keepalived", -1, false);
    private static final AcceptRuleset TUNED = new AcceptRuleset("mytab", -5, true);
    private static final int IFINDEX = 4123;

    @Test
    void ipv4TableRulesAndElementsMatchKeepalived() throws Exception {
        NftBatch b = new NftBatch();
        DEFAULT.createIpv4(b, 1);
        b.newSetElements(NFPROTO_IPV4, "keepalived", "vips", 0, true, List.of(key("10.77.0.100"), key("10.77.0.101")));
        assertEquals(captured("ipv4-master.hex"), normalised(b.encode(1)));
    }

    @Test
    void ipv6TableWithLinkLocalSetMatchesKeepalived() throws Exception {
        NftBatch b = new NftBatch();
        DEFAULT.createIpv6(b, 2);
        ipv6Elements(b, "keepalived", "fd00:77::63", "fe80::63", true);
        assertEquals(captured("ipv6-master.hex"), normalised(b.encode(1)));
    }

    @Test
    void ipv6ElementsLeaveOnBackupAsKeepalivedRemovesThem() throws Exception {
        NftBatch b = new NftBatch();
        ipv6Elements(b, "keepalived", "fd00:77::63", "fe80::63", false);
        assertEquals(captured("ipv6-backup.hex"), normalised(b.encode(1)));
    }

    @Test
    void tableNamePriorityAndCountersMatchKeepalived() throws Exception {
        NftBatch b4 = new NftBatch();
        TUNED.createIpv4(b4, 1);
        b4.newSetElements(NFPROTO_IPV4, "mytab", "vips", 0, true, List.of(key("10.77.0.171")));
        assertEquals(captured("ipv4-counters-master.hex"), normalised(b4.encode(1)));

        NftBatch b6 = new NftBatch();
        TUNED.createIpv6(b6, 2);
        ipv6Elements(b6, "mytab", "fd00:77::72", "fe80::72", true);
        assertEquals(captured("ipv6-counters-master.hex"), normalised(b6.encode(1)));
    }

    private static void ipv6Elements(NftBatch b, String table, String global, String linkLocal, boolean add)
            throws Exception {
        InetAddress ll = InetAddress.getByName(linkLocal);
        assertEquals(AcceptRuleset.VIPS_LINK_LOCAL, AcceptRuleset.setOf(ll));
        List<byte[]> g = List.of(key(global));
        List<byte[]> l = List.of(AcceptRuleset.key(ll, IFINDEX));
        if (add) {
            b.newSetElements(NFPROTO_IPV6, table, AcceptRuleset.VIPS, 0, true, g);
            b.newSetElements(NFPROTO_IPV6, table, AcceptRuleset.VIPS_LINK_LOCAL, 0, true, l);
        } else {
            b.delSetElements(NFPROTO_IPV6, table, AcceptRuleset.VIPS, g);
            b.delSetElements(NFPROTO_IPV6, table, AcceptRuleset.VIPS_LINK_LOCAL, l);
        }
    }

    private static byte[] key(String ip) throws Exception {
        InetAddress a = InetAddress.getByName(ip);
        return AcceptRuleset.key(a, 0);
    }

    private static String captured(String name) throws IOException {
        try (InputStream in = AcceptRulesetTest.class.getResourceAsStream("/keepalived/nft/" + name)) {
            return normalised(HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim()));
        }
    }

    /** One line per message with nlmsg_seq zeroed (the only per-run difference). */
    private static String normalised(byte[] datagram) {
        ByteBuffer b = ByteBuffer.wrap(datagram.clone()).order(ByteOrder.nativeOrder());
        StringBuilder out = new StringBuilder();
        for (int off = 0; off < datagram.length; off += (b.getInt(off) + 3) & ~3) {
            int len = b.getInt(off);
            b.putInt(off + 8, 0);
            out.append(HexFormat.of().formatHex(b.array(), off, off + len)).append('\n');
        }
        return out.toString();
    }
}
