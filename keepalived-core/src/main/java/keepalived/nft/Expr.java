package keepalived.nft;

import static keepalived.nft.Nft.*;
import static keepalived.netlink.Netlink.NLA_F_NESTED;

import keepalived.netlink.MessageBuilder;

/**
 * One nf_tables rule expression: a name and its attributes, written as an NFTA_LIST_ELEM of
 * NFTA_RULE_EXPRESSIONS. Attribute order inside each expression is libnftnl's (the kernel does
 * not care; the golden tests compare bytes with what keepalived sends).
 */
public interface Expr {
    String name();

    /** The attributes inside NFTA_EXPR_DATA. */
    void data(MessageBuilder b);

    /** {@code payload load LEN @ BASE + OFFSET => reg DREG}. */
    static Expr payload(int base, int offset, int len, int dreg) {
        return of("payload", b -> {
            be32(b, 1, dreg);    // NFTA_PAYLOAD_DREG
            be32(b, 2, base);    // NFTA_PAYLOAD_BASE
            be32(b, 3, offset);  // NFTA_PAYLOAD_OFFSET
            be32(b, 4, len);     // NFTA_PAYLOAD_LEN
        });
    }

    /** {@code meta load KEY => reg DREG}. */
    static Expr meta(int key, int dreg) {
        return of("meta", b -> {
            be32(b, 2, key);     // NFTA_META_KEY
            be32(b, 1, dreg);    // NFTA_META_DREG
        });
    }

    /** {@code cmp eq reg SREG VALUE}. */
    static Expr cmpEq(int sreg, byte[] value) {
        return of("cmp", b -> {
            be32(b, 1, sreg);    // NFTA_CMP_SREG
            be32(b, 2, NFT_CMP_EQ); // NFTA_CMP_OP
            value(b, 3, value);  // NFTA_CMP_DATA
        });
    }

    /** {@code reg DREG = (reg SREG & MASK) ^ XOR}. */
    static Expr bitwise(int sreg, int dreg, byte[] mask, byte[] xor) {
        return of("bitwise", b -> {
            be32(b, 1, sreg);    // NFTA_BITWISE_SREG
            be32(b, 2, dreg);    // NFTA_BITWISE_DREG
            be32(b, 3, mask.length); // NFTA_BITWISE_LEN
            value(b, 4, mask);   // NFTA_BITWISE_MASK
            value(b, 5, xor);    // NFTA_BITWISE_XOR
        });
    }

    /** {@code lookup reg SREG set SET}: matches when the key is in the set. */
    static Expr lookup(int sreg, String set) {
        return of("lookup", b -> {
            be32(b, 2, sreg);    // NFTA_LOOKUP_SREG
            b.attrString(1, set); // NFTA_LOOKUP_SET
        });
    }

    static Expr counter() {
        return of("counter", b -> { });
    }

    /** {@code immediate reg 0 CODE} (accept, drop). */
    static Expr verdict(int code) {
        return verdict(code, null);
    }

    /** {@code immediate reg 0 goto CHAIN}. */
    static Expr goTo(String chain) {
        return verdict(NFT_GOTO, chain);
    }

    private static Expr verdict(int code, String chain) {
        return of("immediate", b -> {
            be32(b, 1, NFT_REG_VERDICT);  // NFTA_IMMEDIATE_DREG
            int data = b.beginNested(2 | NLA_F_NESTED); // NFTA_IMMEDIATE_DATA
            int verdict = b.beginNested(NFTA_DATA_VERDICT | NLA_F_NESTED);
            be32(b, NFTA_VERDICT_CODE, code);
            if (chain != null) {
                b.attrString(NFTA_VERDICT_CHAIN, chain);
            }
            b.endNested(verdict);
            b.endNested(data);
        });
    }

    /** Writes the whole NFTA_LIST_ELEM. */
    default void encode(MessageBuilder b) {
        int elem = b.beginNested(NFTA_LIST_ELEM | NLA_F_NESTED);
        b.attrString(NFTA_EXPR_NAME, name());
        int data = b.beginNested(NFTA_EXPR_DATA | NLA_F_NESTED);
        data(b);
        b.endNested(data);
        b.endNested(elem);
    }

    private static Expr of(String name, java.util.function.Consumer<MessageBuilder> data) {
        return new Expr() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void data(MessageBuilder b) {
                data.accept(b);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /** A big-endian u32 attribute, as nf_tables wants its integers. */
    static void be32(MessageBuilder b, int type, int v) {
        b.attr(type, new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    /** A nest holding one NFTA_DATA_VALUE. */
    static void value(MessageBuilder b, int type, byte[] v) {
        int n = b.beginNested(type | NLA_F_NESTED);
        b.attr(NFTA_DATA_VALUE, v);
        b.endNested(n);
    }
}
