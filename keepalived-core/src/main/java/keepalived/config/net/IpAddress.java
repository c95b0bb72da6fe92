package keepalived.config.net;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import keepalived.config.Args;
import keepalived.config.Origin;
import keepalived.config.Problems;
import keepalived.config.Severity;
import keepalived.config.Values;

/**
 * One address line of {@code static_ipaddress}, {@code virtual_ipaddress} or
 * {@code virtual_ipaddress_excluded} (keepalived.conf(5) "address" syntax):
 * {@code IP[/LEN] [brd IP|+|-] [dev IF] [scope S] [label L] [peer IP[/LEN]] [home] [-nodad]
 * [mngtmpaddr] [noprefixroute] [autojoin] [preferred_lft N|forever] [track_group G] [use_vmac] [no_track]}.
 *
 * @param prefixLength the effective prefix (default 32 / 128)
 * @param broadcast an address, "+" or "-", or null
 * @param dev null: the default interface (static) or the instance's interface (virtual)
 * @param preferredLft null when not given; -1 for {@code forever}
 * @param flags the bare flag words given (home, -nodad, mngtmpaddr, noprefixroute, autojoin)
 */
public record IpAddress(InetAddress address, int prefixLength, String broadcast, String dev, String scope,
        String label, IpPrefix peer, Set<String> flags, Long preferredLft, String trackGroup,
        boolean useVmac, boolean noTrack, Origin origin) {

    private static final Set<String> FLAGS = Set.of("home", "-nodad", "mngtmpaddr", "noprefixroute", "autojoin");
    private static final List<String> SCOPES = List.of("global", "site", "link", "host", "nowhere");

    public IpAddress {
        flags = Set.copyOf(flags);
    }

    public boolean isIpv6() {
        return address instanceof java.net.Inet6Address;
    }

    /** {@code ADDR/LEN} as keepalived prints it in messages. */
    public String text() {
        return IpPrefix.format(address) + "/" + prefixLength;
    }

    /** Which block the line is in: some options only exist in one of them. */
    public enum Context { STATIC, VIRTUAL }

    /**
     * Parses an address line (word(0) is the address), reporting as keepalived does; null when
     * keepalived skips the address.
     */
    public static IpAddress parse(Args a, Context ctx) {
        Problems p = a.problems();
        Origin o = a.origin();
        String first = a.word(0);
        String addrText = first;
        String lenText = null;
        int slash = first.indexOf('/');
        if (slash >= 0) {
            addrText = first.substring(0, slash);
            lenText = first.substring(slash + 1);
        }
        InetAddress addr = IpPrefix.literal(addrText);
        if (addr == null) {
            p.error(o, "VRRP parsed invalid IP " + first + ". skipping IP...");
            return null;
        }
        boolean v6 = addr instanceof java.net.Inet6Address;
        int max = v6 ? 128 : 32;
        int len = max;
        if (lenText != null) {
            Long l = Values.integer(lenText, 0, max, o, p);
            if (l == null) {
                p.error(o, "Invalid address prefix len " + lenText + " for address " + first + " - using " + max);
            } else {
                len = l.intValue();
            }
        }
        String brd = null;
        String dev = null;
        String scope = null;
        String label = null;
        IpPrefix peer = null;
        Set<String> flags = new TreeSet<>();
        Long lft = null;
        String trackGroup = null;
        boolean useVmac = false;
        boolean noTrack = false;
        int i = 1;
        while (i < a.size()) {
            String w = a.word(i);
            if (FLAGS.contains(w)) {
                flags.add(w);
                i++;
                continue;
            }
            if (ctx == Context.VIRTUAL && w.equals("use_vmac")) {
                useVmac = true;
                i++;
                continue;
            }
            if (w.equals("no_track")) {
                noTrack = true;
                i++;
                continue;
            }
            if (!List.of("brd", "dev", "scope", "label", "peer", "preferred_lft", "track_group").contains(w)
                    || (ctx == Context.VIRTUAL && w.equals("track_group"))) {
                p.error(o, "Unknown configuration entry '" + w + "' for ip address - ignoring");
                i++;
                continue;
            }
            String v = a.word(i + 1);
            if (v == null) {
                p.error(o, "No " + w + " parameter specified for " + first);
                break;
            }
            i += 2;
            switch (w) {
                case "dev" -> {
                    if (dev != null) {
                        p.error(o, "Cannot specify ipaddress device more than once for " + first);
                    } else {
                        dev = v;
                    }
                }
                case "brd" -> {
                    if (v6) {
                        p.error(o, "VRRP is trying to assign a broadcast " + v + " to the IPv6 address " + first
                                + " !!?? WTF... skipping VIP...");
                        return null;
                    }
                    if (!v.equals("+") && !v.equals("-") && IpPrefix.literal(v) == null) {
                        p.error(o, "VRRP is trying to assign invalid broadcast " + v + ". skipping VIP...");
                        return null;
                    }
                    brd = v;
                }
                case "scope" -> {
                    if (v6) {
                        p.error(o, "Cannot specify scope for IPv6 addresses (" + first + ") - ignoring scope");
                    } else if (SCOPES.contains(v.toLowerCase(Locale.ROOT)) || v.matches("\\d+")) {
                        scope = v;
                    } else {
                        p.error(o, "Invalid scope '" + v + "' specified for " + first + " - ignoring");
                    }
                }
                case "label" -> {
                    if (v6) {
                        p.error(o, "Cannot specify label for IPv6 addresses (" + first + ") - ignoring label");
                    } else if (v.length() > 15) {
                        p.error(o, "Address label " + v + " is longer than maximum length 15 - removing address");
                        return null;
                    } else {
                        label = v;
                    }
                }
                case "peer" -> {
                    String pa = v.contains("/") ? v.substring(0, v.indexOf('/')) : v;
                    InetAddress pi = IpPrefix.literal(pa);
                    if (pi == null) {
                        p.error(o, "Invalid peer address " + v);
                    } else if ((pi instanceof java.net.Inet6Address) != v6) {
                        p.error(o, "Peer address " + v + " does not match address family");
                    } else if (peer != null) {
                        p.error(o, "Peer " + v + " - another peer has already been specified");
                    } else {
                        int pl = -1;
                        if (v.contains("/")) {
                            Long l = Values.integer(v.substring(v.indexOf('/') + 1), 0, max, o, p);
                            pl = l == null ? -1 : l.intValue();
                        }
                        peer = new IpPrefix(pi, pl);
                    }
                }
                case "preferred_lft" -> {
                    if (v.equals("forever")) {
                        lft = -1L;
                    } else if (v.matches("\\d+") && Long.parseLong(v) <= 0xFFFFFFFFL) {
                        lft = Long.parseLong(v);
                    } else {
                        p.error(o, "preferred_lft " + v + " is invalid");
                    }
                }
                case "track_group" -> trackGroup = v;
                default -> throw new IllegalStateException(w);
            }
        }
        if (peer != null && brd != null) {
            p.error(o, "Cannot specify broadcast and peer addresses - ignoring broadcast address");
            brd = null;
        }
        if (trackGroup != null && noTrack) {
            p.error(o, "Static address has both track_group and no_track set - not tracking");
            trackGroup = null;
        }
        return new IpAddress(addr, len, brd, dev, scope, label, peer, flags, lft, trackGroup, useVmac, noTrack, o);
    }

    /** The same line on another interface (an address VMAC of use_vmac_addr / use_vmac). */
    public IpAddress withDev(String otherDev) {
        return new IpAddress(address, prefixLength, broadcast, otherDev, scope, label, peer, flags, preferredLft,
                trackGroup, useVmac, noTrack, origin);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(text());
        if (broadcast != null) {
            sb.append(" brd ").append(broadcast);
        }
        if (dev != null) {
            sb.append(" dev ").append(dev);
        }
        if (scope != null) {
            sb.append(" scope ").append(scope);
        }
        if (label != null) {
            sb.append(" label ").append(label);
        }
        if (peer != null) {
            sb.append(" peer ").append(peer);
        }
        flags.forEach(f -> sb.append(' ').append(f));
        if (preferredLft != null) {
            sb.append(" preferred_lft ").append(preferredLft < 0 ? "forever" : preferredLft.toString());
        }
        if (trackGroup != null) {
            sb.append(" track_group ").append(trackGroup);
        }
        if (useVmac) {
            sb.append(" use_vmac");
        }
        if (noTrack) {
            sb.append(" no_track");
        }
        return sb.toString();
    }
}
