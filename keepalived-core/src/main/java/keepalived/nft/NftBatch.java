package keepalived.nft;

import static keepalived.netlink.Netlink.*;
import static keepalived.nft.Expr.be32;
import static keepalived.nft.Nft.*;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import keepalived.netlink.MessageBuilder;

/**
 * One nf_tables transaction: NFNL_MSG_BATCH_BEGIN, the changes, NFNL_MSG_BATCH_END. The kernel
 * applies all of it or none. Each change asks for an ack, as libnftnl does, so a failure names
 * the message that caused it. Send with {@link keepalived.netlink.NetlinkSocket#requestBatch}.
 */
public final class NftBatch {
    private static final int NEW = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE;
    private static final int DEL = NLM_F_REQUEST | NLM_F_ACK;

    private final List<MessageBuilder> changes = new ArrayList<>();

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public NftBatch newTable(int family, String table) {
        begin(NFT_MSG_NEWTABLE, NEW, family).attrString(NFTA_TABLE_NAME, table);
        return this;
    }

    public NftBatch delTable(int family, String table) {
        begin(NFT_MSG_DELTABLE, DEL, family).attrString(NFTA_TABLE_NAME, table);
        return this;
    }

    /** A filter chain on {@code hook} with policy accept. */
    public NftBatch newBaseChain(int family, String table, String chain, int hook, int priority) {
        MessageBuilder b = begin(NFT_MSG_NEWCHAIN, NEW, family)
                .attrString(NFTA_CHAIN_TABLE, table).attrString(NFTA_CHAIN_NAME, chain);
        int h = b.beginNested(NFTA_CHAIN_HOOK | NLA_F_NESTED);
        be32(b, NFTA_HOOK_HOOKNUM, hook);
        be32(b, NFTA_HOOK_PRIORITY, priority);
        b.endNested(h);
        be32(b, NFTA_CHAIN_POLICY, NF_ACCEPT);
        b.attrString(NFTA_CHAIN_TYPE, "filter");
        return this;
    }

    /** A regular chain (a goto target). */
    public NftBatch newChain(int family, String table, String chain) {
        begin(NFT_MSG_NEWCHAIN, NEW, family).attrString(NFTA_CHAIN_TABLE, table).attrString(NFTA_CHAIN_NAME, chain);
        return this;
    }

    /**
     * A set of keys of nft type {@code keyType} (concatenations: {@link #concat}) and {@code keyLen}
     * bytes. {@code id} names it for set elements in the same batch; {@code byteOrder} is the
     * key's byte order that libnftnl keeps in the set's user data for {@code nft list}.
     */
    public NftBatch newSet(int family, String table, String set, int flags, int keyType, int keyLen, int id,
            int byteOrder) {
        MessageBuilder b = begin(NFT_MSG_NEWSET, NEW, family)
                .attrString(NFTA_SET_TABLE, table).attrString(NFTA_SET_NAME, set);
        if (flags != 0) {
            be32(b, NFTA_SET_FLAGS, flags);
        }
        be32(b, NFTA_SET_KEY_TYPE, keyType);
        be32(b, NFTA_SET_KEY_LEN, keyLen);
        be32(b, NFTA_SET_ID, id);
        // one udata TLV: u8 type NFTNL_UDATA_SET_KEYBYTEORDER (0), u8 length 4, u32 host order
        ByteBuffer udata = ByteBuffer.allocate(6).order(java.nio.ByteOrder.nativeOrder());
        udata.put((byte) 0).put((byte) 4).putInt(byteOrder);
        b.attr(NFTA_SET_USERDATA, udata.array());
        return this;
    }

    /**
     * Adds elements. {@code setId} > 0 refers to a set created earlier in this batch;
     * {@code exclusive} fails on an element already present (NLM_F_EXCL), as keepalived asks.
     */
    public NftBatch newSetElements(int family, String table, String set, int setId, boolean exclusive,
            List<byte[]> keys) {
        elements(begin(NFT_MSG_NEWSETELEM, NEW | (exclusive ? NLM_F_EXCL : 0), family), table, set, setId, keys);
        return this;
    }

    public NftBatch delSetElements(int family, String table, String set, List<byte[]> keys) {
        elements(begin(NFT_MSG_DELSETELEM, DEL, family), table, set, 0, keys);
        return this;
    }

    private static void elements(MessageBuilder b, String table, String set, int setId, List<byte[]> keys) {
        b.attrString(NFTA_SET_ELEM_LIST_SET, set);
        if (setId > 0) {
            be32(b, NFTA_SET_ELEM_LIST_SET_ID, setId);
        }
        b.attrString(NFTA_SET_ELEM_LIST_TABLE, table);
        int list = b.beginNested(NFTA_SET_ELEM_LIST_ELEMENTS | NLA_F_NESTED);
        int i = 0;
        for (byte[] k : keys) {
            int elem = b.beginNested(++i | NLA_F_NESTED); // libnftnl numbers the list entries
            Expr.value(b, NFTA_SET_ELEM_KEY, k);
            b.endNested(elem);
        }
        b.endNested(list);
    }

    /** Appends a rule to {@code chain}. */
    public NftBatch newRule(int family, String table, String chain, List<Expr> exprs) {
        MessageBuilder b = begin(NFT_MSG_NEWRULE, NEW | NLM_F_APPEND, family)
                .attrString(NFTA_RULE_TABLE, table).attrString(NFTA_RULE_CHAIN, chain);
        int list = b.beginNested(NFTA_RULE_EXPRESSIONS | NLA_F_NESTED);
        for (Expr e : exprs) {
            e.encode(b);
        }
        b.endNested(list);
        return this;
    }

    /** The key type of a concatenation {@code a . b}. */
    public static int concat(int a, int b) {
        return a << TYPE_BITS | b;
    }

    /** The whole transaction, begin and end included, ready for {@code requestBatch}. */
    public List<MessageBuilder> messages() {
        List<MessageBuilder> all = new ArrayList<>(changes.size() + 2);
        all.add(control(NFNL_MSG_BATCH_BEGIN));
        all.addAll(changes);
        all.add(control(NFNL_MSG_BATCH_END));
        return all;
    }

    /** The datagram with sequence numbers {@code firstSeq}, {@code firstSeq + 1}, ... (tests, logs). */
    public byte[] encode(int firstSeq) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int seq = firstSeq;
        for (MessageBuilder m : messages()) {
            out.writeBytes(m.seq(seq++).toByteArray());
        }
        return out.toByteArray();
    }

    private MessageBuilder begin(int type, int flags, int family) {
        MessageBuilder b = new MessageBuilder(256).begin(NFNL_SUBSYS_NFTABLES << 8 | type, flags);
        nfgenmsg(b, family, 0);
        changes.add(b);
        return b;
    }

    private static MessageBuilder control(int type) {
        return nfgenmsg(new MessageBuilder(32).begin(type, NLM_F_REQUEST), NFPROTO_UNSPEC, NFNL_SUBSYS_NFTABLES);
    }

    /** struct nfgenmsg: u8 family, u8 version (NFNETLINK_V0), be16 res_id. */
    private static MessageBuilder nfgenmsg(MessageBuilder b, int family, int resId) {
        return b.u8(family).u8(0).u8(resId >>> 8).u8(resId & 0xff);
    }
}
