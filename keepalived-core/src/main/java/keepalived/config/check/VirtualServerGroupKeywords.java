package keepalived.config.check;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import keepalived.config.Args;
import keepalived.config.Block;
import keepalived.config.Key;
import keepalived.config.Origin;
import keepalived.config.Schema;

/** {@code virtual_server_group NAME { entries }}: address ranges with a port, or firewall marks. */
public final class VirtualServerGroupKeywords {
    private VirtualServerGroupKeywords() {
    }

    /**
     * One group entry: an address range {@code first..last} (a single address has first == last)
     * with a port, or a firewall mark with an optional family.
     *
     * @param family for fwmark entries: "inet", "inet6" or null
     */
    public record Entry(InetAddress first, InetAddress last, int port, Long fwmark, String family, Origin origin) {
        public boolean isFwmark() {
            return fwmark != null;
        }

        public boolean isIpv6() {
            return first instanceof Inet6Address;
        }
    }

    public static final Key<List<Entry>> ENTRIES = Key.of("entries", List.of());
    public static final Schema SCHEMA = new Schema("virtual_server_group");

    /** Set when keepalived would drop the group (mixed families). */
    public static final Key<Boolean> REMOVED = Key.of("removed", false);

    static {
        SCHEMA.entries((b, a) -> {
            Entry e = entry(a, b.name());
            if (e != null) {
                b.add(ENTRIES, e, a.origin());
            }
        });
        SCHEMA.onClose((b, p) -> {
            List<Entry> l = b.get(ENTRIES);
            if (l.isEmpty()) {
                p.error(b.closeOrigin(), "virtual server group " + b.name() + " has no entries - removing");
            } else if (l.stream().anyMatch(e -> e.isFwmark() ? "inet6".equals(e.family()) : e.isIpv6())
                    && l.stream().anyMatch(e -> e.isFwmark() ? "inet".equals(e.family()) : !e.isIpv6())
                    && l.stream().anyMatch(e -> e.isFwmark() && e.family() == null)) {
                // fwmarks with a family count as addresses of that family
                p.error(b.closeOrigin(), "virtual server group " + b.name()
                        + " cannot have IPv4, IPv6 and fwmark without family - removing");
                b.set(REMOVED, Boolean.TRUE, b.closeOrigin());
            }
        });
    }

    /** Handles one entry line of a group; {@code group} names the group in messages. */
    static Entry entry(Args a, String group) {
        if (a.word(0).equals("fwmark")) {
            Long m = a.integer(1, 0, 0xFFFFFFFFL);
            if (m == null) {
                a.error("(" + group + "): fwmark '" + a.word(1) + "' must be in [0, 4294967295] - ignoring");
                return null;
            }
            String fam = a.word(2);
            if (fam != null && !fam.equals("inet") && !fam.equals("inet6")) {
                a.error("(" + group + "): fwmark '" + a.word(1) + "' family " + fam + " unknown - ignoring");
                return null;
            }
            return new Entry(null, null, 0, m, fam, a.origin());
        }
        String spec = a.word(0);
        int port = 0;
        if (a.has(1)) {
            Long p = a.integer(1, 1, 65535);
            if (p == null) {
                invalid(a, spec);
                return null;
            }
            port = p.intValue();
        }
        InetAddress first;
        InetAddress last;
        int slash = spec.indexOf('/');
        int dash = spec.indexOf('-');
        if (slash >= 0) {
            first = CheckValues.ip(spec.substring(0, slash));
            Long len = first == null ? null : CheckValues.quietInteger(spec.substring(slash + 1), 0, first.getAddress().length * 8);
            if (first == null) {
                invalid(a, spec);
                return null;
            }
            if (len == null) {
                a.error("Invalid netmask - " + spec + " - skipping");
                return null;
            }
            BigInteger base = new BigInteger(1, first.getAddress());
            int bits = first.getAddress().length * 8;
            BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - len.intValue()).subtract(BigInteger.ONE);
            last = toAddress(base.or(hostMask), first.getAddress().length);
            first = toAddress(base.andNot(hostMask), first.getAddress().length);
        } else if (dash >= 0) {
            first = CheckValues.ip(spec.substring(0, dash));
            if (first == null) {
                invalid(a, spec);
                return null;
            }
            String end = spec.substring(dash + 1);
            boolean v6 = first instanceof Inet6Address;
            if (end.contains(v6 ? ":" : ".")) {
                last = CheckValues.ip(end);
                if (last == null || (last instanceof Inet6Address) != v6) {
                    invalid(a, spec);
                    return null;
                }
                if (new BigInteger(1, last.getAddress()).compareTo(new BigInteger(1, first.getAddress())) < 0) {
                    a.error("Address range end is less than address range start - " + spec + " - skipping");
                    return null;
                }
            } else {
                // short form: the new last octet (IPv4) or last 16-bit group in hex (IPv6)
                Long e = v6 ? hex(end) : CheckValues.quietInteger(end, 0, Long.MAX_VALUE);
                if (e == null) {
                    invalid(a, spec);
                    return null;
                }
                if (e > (v6 ? 0xffff : 255)) {
                    a.error("Virtual server group range '" + spec + "' end '" + end + "' too large");
                    return null;
                }
                byte[] b = first.getAddress();
                long start = v6 ? ((b[14] & 0xff) << 8) | (b[15] & 0xff) : b[3] & 0xff;
                if (e <= start) {
                    a.error("Address range end is not greater than address range start - " + spec + " - skipping");
                    return null;
                }
                if (v6) {
                    b[14] = (byte) (e >> 8);
                }
                b[b.length - 1] = (byte) (long) e;
                last = toAddress(new BigInteger(1, b), b.length);
            }
        } else {
            first = CheckValues.ip(spec);
            if (first == null) {
                invalid(a, spec);
                return null;
            }
            last = first;
        }
        return new Entry(first, last, port, null, null, a.origin());
    }

    private static Long hex(String s) {
        return s.matches("[0-9a-fA-F]{1,4}") ? Long.parseLong(s, 16) : null;
    }

    private static void invalid(Args a, String spec) {
        a.error("Invalid virtual server group IP address " + spec + " " + (a.has(1) ? "/port/" + a.word(1) : "") + " - skipping");
    }

    private static InetAddress toAddress(BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[len];
        int n = Math.min(len, raw.length);
        System.arraycopy(raw, raw.length - n, out, len - n, n);
        try {
            return InetAddress.getByAddress(out);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
