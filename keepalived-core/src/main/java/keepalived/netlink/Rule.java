package keepalived.netlink;

import static keepalived.netlink.FibRules.*;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * A policy routing rule as RTM_NEWRULE/RTM_DELRULE/RTM_GETRULE carry it (struct fib_rule_hdr +
 * FRA_*). Unset numbers are -1 ({@code priority}, {@code fwmark}, {@code fwmask}); unset names and
 * addresses are null; {@code protocol} 0 is unset (RTPROT_UNSPEC, as ip rule shows no proto). Build with {@link #builder(int)}.
 */
public record Rule(int family, long priority, long table, int action, InetAddress from, int fromLength,
                   InetAddress to, int toLength, String iif, String oif, long fwmark, long fwmask, int tos,
                   int flags, int protocol) {

    public static Builder builder(int family) {
        return new Builder(family);
    }

    public MessageBuilder encode(MessageBuilder b) {
        b.u8(family).u8(toLength).u8(fromLength).u8(tos).u8(table >= 0 && table < 256 ? (int) table : 0)
                .u8(0).u8(0).u8(action).u32(flags);
        if (table >= 256) {
            b.attrU32(FRA_TABLE, (int) table);
        }
        if (priority >= 0) {
            b.attrU32(FRA_PRIORITY, (int) priority);
        }
        if (from != null) {
            b.attrAddress(FRA_SRC, from);
        }
        if (to != null) {
            b.attrAddress(FRA_DST, to);
        }
        if (iif != null) {
            b.attrString(FRA_IIFNAME, iif);
        }
        if (oif != null) {
            b.attrString(FRA_OIFNAME, oif);
        }
        if (fwmark >= 0) {
            b.attrU32(FRA_FWMARK, (int) fwmark);
        }
        if (fwmask >= 0) {
            b.attrU32(FRA_FWMASK, (int) fwmask);
        }
        if (protocol > 0) {
            b.attrU8(FRA_PROTOCOL, protocol);
        }
        return b;
    }

    public static Rule decode(Message m) {
        ByteBuffer p = m.payload();
        Attributes a = m.attributes(FIB_RULE_HDR_LEN);
        return new Rule(p.get(0) & 0xff, a.u32(FRA_PRIORITY, -1), a.u32(FRA_TABLE, p.get(4) & 0xff),
                p.get(7) & 0xff, a.address(FRA_SRC), p.get(2) & 0xff, a.address(FRA_DST), p.get(1) & 0xff,
                a.string(FRA_IIFNAME), a.string(FRA_OIFNAME), a.u32(FRA_FWMARK, -1), a.u32(FRA_FWMASK, -1),
                p.get(3) & 0xff, p.getInt(8), a.u8(FRA_PROTOCOL, 0));
    }

    @Override
    public String toString() {
        return (priority >= 0 ? priority + ": " : "") + "from " + (from == null ? "all" : from.getHostAddress() + "/"
                + fromLength) + (to != null ? " to " + to.getHostAddress() + "/" + toLength : "")
                + (iif != null ? " iif " + iif : "") + (oif != null ? " oif " + oif : "")
                + (fwmark >= 0 ? " fwmark 0x" + Long.toHexString(fwmark) : "")
                + (fwmask >= 0 ? "/0x" + Long.toHexString(fwmask) : "") + " action " + action + " table " + table;
    }

    /** Collects a rule's selectors; the default action is "lookup table". */
    public static final class Builder {
        private final int family;
        private long priority = -1;
        private long table = Rtnetlink.RT_TABLE_MAIN;
        private int action = FR_ACT_TO_TBL;
        private InetAddress from;
        private int fromLength;
        private InetAddress to;
        private int toLength;
        private String iif;
        private String oif;
        private long fwmark = -1;
        private long fwmask = -1;
        private int tos;
        private int flags;
        private int protocol;

        private Builder(int family) {
            this.family = family;
        }

        public Builder priority(long p) {
            priority = p;
            return this;
        }

        public Builder table(long t) {
            table = t;
            return this;
        }

        public Builder action(int a) {
            action = a;
            return this;
        }

        public Builder from(InetAddress a, int len) {
            from = a;
            fromLength = len;
            return this;
        }

        public Builder to(InetAddress a, int len) {
            to = a;
            toLength = len;
            return this;
        }

        public Builder iif(String name) {
            iif = name;
            return this;
        }

        public Builder oif(String name) {
            oif = name;
            return this;
        }

        public Builder fwmark(long mark) {
            fwmark = mark;
            return this;
        }

        public Builder fwmask(long mask) {
            fwmask = mask;
            return this;
        }

        public Builder tos(int t) {
            tos = t;
            return this;
        }

        /** Who installed it (RTPROT_*; keepalived tags its rules RTPROT_KEEPALIVED). */
        public Builder protocol(int p) {
            protocol = p;
            return this;
        }

        public Builder invert() {
            flags |= FIB_RULE_INVERT;
            return this;
        }

        public Rule build() {
            return new Rule(family, priority, action == FR_ACT_TO_TBL ? table : 0, action, from, fromLength, to,
                    toLength, iif, oif, fwmark, fwmask, tos, flags, protocol);
        }
    }
}
