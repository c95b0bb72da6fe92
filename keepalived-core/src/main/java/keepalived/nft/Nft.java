package keepalived.nft;

/** Constants of {@code linux/netfilter/nfnetlink.h} and {@code nf_tables.h} that keepalived uses. */
public final class Nft {
    private Nft() {
    }

    public static final int NETLINK_NETFILTER = 12;
    public static final int NFNL_SUBSYS_NFTABLES = 10;
    /** sizeof(struct nfgenmsg): u8 family, u8 version, be16 res_id. */
    public static final int NFGENMSG_LEN = 4;

    public static final int NFNL_MSG_BATCH_BEGIN = 0x10;
    public static final int NFNL_MSG_BATCH_END = 0x11;

    // enum nf_tables_msg_types (the low byte; the high byte is the subsystem)
    public static final int NFT_MSG_NEWTABLE = 0;
    public static final int NFT_MSG_GETTABLE = 1;
    public static final int NFT_MSG_DELTABLE = 2;
    public static final int NFT_MSG_NEWCHAIN = 3;
    public static final int NFT_MSG_NEWRULE = 6;
    public static final int NFT_MSG_NEWSET = 9;
    public static final int NFT_MSG_NEWSETELEM = 12;
    public static final int NFT_MSG_DELSETELEM = 14;

    // families (NFPROTO_*)
    public static final int NFPROTO_UNSPEC = 0;
    public static final int NFPROTO_IPV4 = 2;
    public static final int NFPROTO_IPV6 = 10;

    // hooks (enum nf_inet_hooks)
    public static final int NF_INET_LOCAL_IN = 1;
    public static final int NF_INET_LOCAL_OUT = 3;

    // verdicts
    public static final int NF_DROP = 0;
    public static final int NF_ACCEPT = 1;
    public static final int NFT_GOTO = -4;

    public static final int NFTA_TABLE_NAME = 1;

    public static final int NFTA_CHAIN_TABLE = 1;
    public static final int NFTA_CHAIN_NAME = 3;
    public static final int NFTA_CHAIN_HOOK = 4;
    public static final int NFTA_CHAIN_POLICY = 5;
    public static final int NFTA_CHAIN_TYPE = 7;
    public static final int NFTA_HOOK_HOOKNUM = 1;
    public static final int NFTA_HOOK_PRIORITY = 2;

    public static final int NFTA_SET_TABLE = 1;
    public static final int NFTA_SET_NAME = 2;
    public static final int NFTA_SET_FLAGS = 3;
    public static final int NFTA_SET_KEY_TYPE = 4;
    public static final int NFTA_SET_KEY_LEN = 5;
    public static final int NFTA_SET_ID = 10;
    public static final int NFTA_SET_USERDATA = 13;
    public static final int NFT_SET_CONSTANT = 0x2;

    public static final int NFTA_SET_ELEM_LIST_TABLE = 1;
    public static final int NFTA_SET_ELEM_LIST_SET = 2;
    public static final int NFTA_SET_ELEM_LIST_ELEMENTS = 3;
    public static final int NFTA_SET_ELEM_LIST_SET_ID = 4;
    public static final int NFTA_SET_ELEM_KEY = 1;

    public static final int NFTA_DATA_VALUE = 1;
    public static final int NFTA_DATA_VERDICT = 2;
    public static final int NFTA_VERDICT_CODE = 1;
    public static final int NFTA_VERDICT_CHAIN = 2;

    public static final int NFTA_RULE_TABLE = 1;
    public static final int NFTA_RULE_CHAIN = 2;
    public static final int NFTA_RULE_EXPRESSIONS = 4;
    public static final int NFTA_LIST_ELEM = 1;
    public static final int NFTA_EXPR_NAME = 1;
    public static final int NFTA_EXPR_DATA = 2;

    /** nft's data types (datatype.h), for NFTA_SET_KEY_TYPE; concatenations shift by 6 bits each. */
    public static final int TYPE_IPADDR = 7;
    public static final int TYPE_IP6ADDR = 8;
    public static final int TYPE_IFINDEX = 20;
    public static final int TYPE_ICMP6_TYPE = 29;
    public static final int TYPE_BITS = 6;

    /** libnftnl set user data: the key's byte order, which only {@code nft list} reads. */
    public static final int BYTEORDER_HOST = 1;
    public static final int BYTEORDER_BIG_ENDIAN = 2;

    /** Registers: 0 holds the verdict; 1..4 are the 16-byte data registers. */
    public static final int NFT_REG_VERDICT = 0;
    public static final int NFT_REG_1 = 1;
    public static final int NFT_REG_2 = 2;

    public static final int NFT_PAYLOAD_NETWORK_HEADER = 1;
    public static final int NFT_PAYLOAD_TRANSPORT_HEADER = 2;
    public static final int NFT_META_IIF = 4;
    public static final int NFT_META_OIF = 5;
    public static final int NFT_CMP_EQ = 0;
}
