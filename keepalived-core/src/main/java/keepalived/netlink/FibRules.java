package keepalived.netlink;

/** Constants of {@code linux/fib_rules.h}: fib_rule_hdr, FRA_* attributes, FR_ACT_* actions. */
public final class FibRules {
    private FibRules() {
    }

    /** sizeof(struct fib_rule_hdr): family, dst_len, src_len, tos, table, res1, res2, action (u8), flags (u32). */
    public static final int FIB_RULE_HDR_LEN = 12;

    public static final int FRA_DST = 1;
    public static final int FRA_SRC = 2;
    public static final int FRA_IIFNAME = 3;
    public static final int FRA_GOTO = 4;
    public static final int FRA_PRIORITY = 6;
    public static final int FRA_FWMARK = 10;
    public static final int FRA_FLOW = 11;
    public static final int FRA_SUPPRESS_PREFIXLEN = 14;
    public static final int FRA_TABLE = 15;
    public static final int FRA_FWMASK = 16;
    public static final int FRA_OIFNAME = 17;
    public static final int FRA_PROTOCOL = 21;

    public static final int FR_ACT_TO_TBL = 1;
    public static final int FR_ACT_GOTO = 2;
    public static final int FR_ACT_NOP = 3;
    public static final int FR_ACT_BLACKHOLE = 6;
    public static final int FR_ACT_UNREACHABLE = 7;
    public static final int FR_ACT_PROHIBIT = 8;

    public static final int FIB_RULE_INVERT = 0x2;
}
