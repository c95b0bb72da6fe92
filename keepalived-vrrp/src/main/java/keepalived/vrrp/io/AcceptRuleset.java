package keepalived.vrrp.io;

import static keepalived.nft.Nft.*;

import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import keepalived.config.Block;
import keepalived.config.global.GlobalDefsKeywords;
import keepalived.nft.Expr;
import keepalived.nft.NftBatch;

/**
 * keepalived's nftables ruleset for instances that must not accept traffic to their VIPs
 * ({@code no_accept}, or strict mode below priority 255): a table per family (default
 * {@code keepalived}) with filter chains {@code in}/{@code out} one priority step before the
 * filter chains, dropping packets to/from the addresses in set {@code vips}. The IPv6 table also
 * lets neighbour discovery through and matches link-local VIPs together with their interface
 * (set {@code vips_link_local}, chains {@code in_link_local}/{@code out_link_local}). Pure: it only
 * writes batches; {@link AcceptFirewall} sends them.
 *
 * @param table    {@code nftables TABLE}
 * @param priority {@code nftables_priority} (-1: before iptables/nft filter chains at 0)
 * @param counters {@code nftables_counters}: a counter in every rule
 */
public record AcceptRuleset(String table, int priority, boolean counters) {
    public static final String VIPS = "vips";
    public static final String VIPS_LINK_LOCAL = "vips_link_local";
    public static final String NEIGHBOR_DISCOVERY = "neighbor-discovery";
    private static final int ICMPV6 = 58;
    private static final int ND_NEIGHBOR_SOLICIT = 135;
    private static final int ND_NEIGHBOR_ADVERT = 136;
    // offsets in the IP headers
    private static final int IP_SADDR = 12;
    private static final int IP_DADDR = 16;
    private static final int IP6_NEXTHDR = 6;
    private static final int IP6_SADDR = 8;
    private static final int IP6_DADDR = 24;

    public static AcceptRuleset from(Block globals) {
        String t = globals == null ? null : globals.get(GlobalDefsKeywords.NFTABLES);
        return new AcceptRuleset(t != null ? t : GlobalDefsKeywords.DEFAULT_NFTABLES_TABLE,
                global(globals, GlobalDefsKeywords.NFTABLES_PRIORITY),
                global(globals, GlobalDefsKeywords.NFTABLES_COUNTERS));
    }

    private static <T> T global(Block g, keepalived.config.Key<T> key) {
        T v = g == null ? null : g.get(key);
        return v != null ? v : key.defaultValue();
    }

    /** Table, chains, set {@code vips} (id {@code setId}) and the two drop rules. */
    public void createIpv4(NftBatch b, int setId) {
        int f = NFPROTO_IPV4;
        b.newTable(f, table);
        b.newBaseChain(f, table, "out", NF_INET_LOCAL_OUT, priority);
        b.newBaseChain(f, table, "in", NF_INET_LOCAL_IN, priority);
        b.newSet(f, table, VIPS, 0, TYPE_IPADDR, 4, setId, BYTEORDER_BIG_ENDIAN);
        b.newRule(f, table, "in", rule(Expr.verdict(NF_DROP), load(IP_DADDR, 4), Expr.lookup(NFT_REG_1, VIPS)));
        b.newRule(f, table, "out", rule(Expr.verdict(NF_DROP), load(IP_SADDR, 4), Expr.lookup(NFT_REG_1, VIPS)));
    }

    /** The IPv6 table; its three sets get ids {@code firstSetId} .. {@code firstSetId + 2}. */
    public void createIpv6(NftBatch b, int firstSetId) {
        int f = NFPROTO_IPV6;
        int ndId = firstSetId + 1;
        b.newTable(f, table);
        b.newBaseChain(f, table, "out", NF_INET_LOCAL_OUT, priority);
        b.newBaseChain(f, table, "in", NF_INET_LOCAL_IN, priority);
        b.newChain(f, table, "in_link_local");
        b.newChain(f, table, "out_link_local");
        b.newSet(f, table, VIPS, 0, TYPE_IP6ADDR, 16, firstSetId, BYTEORDER_BIG_ENDIAN);
        b.newSet(f, table, NEIGHBOR_DISCOVERY, NFT_SET_CONSTANT, TYPE_ICMP6_TYPE, 1, ndId, BYTEORDER_HOST);
        b.newSetElements(f, table, NEIGHBOR_DISCOVERY, ndId, false,
                List.of(new byte[] {(byte) ND_NEIGHBOR_SOLICIT}, new byte[] {(byte) ND_NEIGHBOR_ADVERT}));
        for (String[] dir : new String[][] {{"in", "24"}, {"out", "8"}}) {
            int addr = Integer.parseInt(dir[1]);
            b.newRule(f, table, dir[0], rule(Expr.verdict(NF_ACCEPT),
                    Expr.payload(NFT_PAYLOAD_NETWORK_HEADER, IP6_NEXTHDR, 1, NFT_REG_1),
                    Expr.cmpEq(NFT_REG_1, new byte[] {ICMPV6}),
                    Expr.payload(NFT_PAYLOAD_TRANSPORT_HEADER, 0, 1, NFT_REG_1),
                    Expr.lookup(NFT_REG_1, NEIGHBOR_DISCOVERY)));
            byte[] mask = new byte[16];
            byte[] fe80 = new byte[16];
            mask[0] = (byte) 0xff;
            mask[1] = (byte) 0xc0;
            fe80[0] = (byte) 0xfe;
            fe80[1] = (byte) 0x80;
            b.newRule(f, table, dir[0], rule(Expr.goTo(dir[0] + "_link_local"), load(addr, 16),
                    Expr.bitwise(NFT_REG_1, NFT_REG_1, mask, new byte[16]), Expr.cmpEq(NFT_REG_1, fe80)));
        }
        b.newRule(f, table, "in", rule(Expr.verdict(NF_DROP), load(IP6_DADDR, 16), Expr.lookup(NFT_REG_1, VIPS)));
        b.newRule(f, table, "out", rule(Expr.verdict(NF_DROP), load(IP6_SADDR, 16), Expr.lookup(NFT_REG_1, VIPS)));
        b.newSet(f, table, VIPS_LINK_LOCAL, 0, NftBatch.concat(TYPE_IP6ADDR, TYPE_IFINDEX), 20, firstSetId + 2,
                BYTEORDER_HOST);
        b.newRule(f, table, "in_link_local", rule(Expr.verdict(NF_DROP), load(IP6_DADDR, 16),
                Expr.meta(NFT_META_IIF, NFT_REG_2), Expr.lookup(NFT_REG_1, VIPS_LINK_LOCAL)));
        b.newRule(f, table, "out_link_local", rule(Expr.verdict(NF_DROP), load(IP6_SADDR, 16),
                Expr.meta(NFT_META_OIF, NFT_REG_2), Expr.lookup(NFT_REG_1, VIPS_LINK_LOCAL)));
    }

    /** The match expressions, then a counter if configured, then the verdict. */
    private List<Expr> rule(Expr verdict, Expr... match) {
        List<Expr> l = new ArrayList<>(List.of(match));
        if (counters) {
            l.add(Expr.counter());
        }
        l.add(verdict);
        return l;
    }

    private static Expr load(int offset, int len) {
        return Expr.payload(NFT_PAYLOAD_NETWORK_HEADER, offset, len, NFT_REG_1);
    }

    /** The set an address goes into: {@link #VIPS}, or {@link #VIPS_LINK_LOCAL} for fe80::/10. */
    public static String setOf(java.net.InetAddress a) {
        return a instanceof Inet6Address && a.isLinkLocalAddress() ? VIPS_LINK_LOCAL : VIPS;
    }

    /** The element key: the address, followed for a link-local one by its interface index (host order). */
    public static byte[] key(java.net.InetAddress a, int ifindex) {
        byte[] addr = a.getAddress();
        if (!VIPS_LINK_LOCAL.equals(setOf(a))) {
            return addr;
        }
        return ByteBuffer.allocate(20).order(ByteOrder.nativeOrder()).put(addr).putInt(ifindex).array();
    }
}
