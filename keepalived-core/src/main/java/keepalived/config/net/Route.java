package keepalived.config.net;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import keepalived.config.Args;
import keepalived.config.Origin;
import keepalived.config.Problems;

/**
 * One route line of {@code static_routes} / {@code virtual_routes}, in iproute2 syntax without
 * abbreviations. The fields the runtime needs first are typed; every other option is kept in
 * {@link #options()} (keyword to its words, in order).
 *
 * @param destination null for {@code default}; the family then comes from {@link #inet6()}
 * @param type blackhole, unreachable, ... or null (unicast)
 * @param nexthops each {@code nexthop} clause's words
 */
public record Route(IpPrefix destination, String type, IpPrefix src, String via, String dev, String table,
        Long metric, boolean inet6, boolean noTrack, String trackGroup, Map<String, List<String>> options,
        List<List<String>> nexthops, Origin origin) {

    private static final Set<String> TYPES = Set.of("unicast", "blackhole", "unreachable", "prohibit", "throw",
            "local", "broadcast", "multicast", "anycast", "nat");
    /** Options taking one value. */
    private static final Set<String> ONE = Set.of("from", "or", "tos", "dsfield", "scope", "protocol", "proto",
            "realms", "realm", "expires", "hoplimit", "advmss", "rtt", "rttvar", "reordering", "initcwnd",
            "initrwnd", "features", "quickack", "pref", "fastopen_no_cookie", "ttl-propagate", "vrf", "as",
            "rto_min");
    /** Options taking one value, optionally preceded by {@code lock}. */
    private static final Set<String> LOCKABLE = Set.of("mtu", "window", "cwnd", "ssthresh", "congctl");
    /** Options handled one by one below, each taking a value. */
    private static final Set<String> VALUED = Set.of("src", "via", "gw", "dev", "oif", "table", "metric", "priority",
            "preference", "track_group");
    private static final Set<String> BARE = Set.of("onlink", "append", "prepend", "inet", "inet6", "no_track");

    public Route {
        options = Map.copyOf(options);
        nexthops = List.copyOf(nexthops);
    }

    /** Parses a route line, reporting as keepalived does; null when keepalived drops it. */
    public static Route parse(Args a, boolean isStatic) {
        Problems p = a.problems();
        Origin o = a.origin();
        IpPrefix dest = null;
        boolean isDefault = false;
        String destWord = null;
        String type = null;
        IpPrefix src = null;
        String via = null;
        String dev = null;
        String table = null;
        Long metric = null;
        boolean inet6 = false;
        boolean noTrack = false;
        String trackGroup = null;
        Map<String, List<String>> opts = new LinkedHashMap<>();
        List<List<String>> nexthops = new java.util.ArrayList<>();
        int i = 0;
        while (i < a.size()) {
            String w = a.word(i);
            String v = a.word(i + 1);
            if (TYPES.contains(w) && type == null && dest == null && !isDefault) {
                type = w;
                i++;
                continue;
            }
            if (BARE.contains(w)) {
                if (w.equals("inet6")) {
                    inet6 = true;
                } else if (w.equals("no_track")) {
                    noTrack = true;
                } else {
                    opts.put(w, List.of());
                }
                i++;
                continue;
            }
            if (w.equals("nexthop")) {
                List<String> nh = new java.util.ArrayList<>();
                i++;
                while (i < a.size() && !a.word(i).equals("nexthop")) {
                    nh.add(a.word(i++));
                }
                nexthops.add(nh);
                continue;
            }
            if (w.equals("to") || w.equals("default") || w.equals("default6")) {
                if (w.equals("default6")) {
                    // 2.2.7 takes it silently (later versions call it deprecated)
                    inet6 = true;
                }
                if (w.equals("to")) {
                    i++;
                    continue;
                }
                isDefault = true;
                destWord = w;
                i++;
                continue;
            }
            if (w.equals("expires") && !inet6 && (dest == null || !dest.isIpv6())) {
                p.error(o, "expires is only valid for IPv6");
                return null;
            }
            if (w.equals("encap") && v == null) {
                p.error(o, "Missing encap type");
                return null;
            }
            if (v == null && (VALUED.contains(w) || ONE.contains(w) || LOCKABLE.contains(w))) {
                // keepalived reads an option's value unconditionally
                a.required(i + 1);
            }
            if (w.equals("gw")) {
                p.error(o, "\"gw\" for routes is deprecated. Please use \"via\"");
            } else if (w.equals("or")) {
                p.error(o, "\"or\" for routes is deprecated. Please use \"nexthop\"");
            }
            switch (w) {
                case "src" -> {
                    InetAddressOrNull s = InetAddressOrNull.of(v);
                    if (s.value == null) {
                        p.error(o, "VRRP parsed invalid IP " + v + ". skipping IP...");
                        p.error(o, "invalid route src address " + v);
                        return null;
                    }
                    src = new IpPrefix(s.value, -1);
                    i += 2;
                }
                case "via", "gw" -> {
                    String addr = v;
                    if ((v.equals("inet") || v.equals("inet6")) && a.has(i + 2)) {
                        addr = a.word(i + 2);
                        i++;
                    }
                    if (IpPrefix.literal(addr) == null) {
                        p.error(o, "VRRP parsed invalid IP " + addr + ". skipping IP...");
                        p.error(o, "invalid route via address " + addr);
                        return null;
                    }
                    via = addr;
                    i += 2;
                }
                case "dev", "oif" -> {
                    dev = v;
                    i += 2;
                }
                case "table" -> {
                    if (RtTables.resolve(v) == null) {
                        p.error(o, "Routing table " + v + " not found for route");
                        return null;
                    }
                    table = v;
                    i += 2;
                }
                case "metric", "priority", "preference" -> {
                    if (!v.matches("\\d+") || Long.parseLong(v) > 0xFFFFFFFFL) {
                        p.error(o, w + " value " + v + " not recognised");
                        return null;
                    }
                    metric = Long.parseLong(v);
                    i += 2;
                }
                case "track_group" -> {
                    trackGroup = v;
                    i += 2;
                }
                case "encap" -> {
                    List<String> rest = a.from(i + 1);
                    opts.put(w, rest);
                    i = a.size();
                }
                default -> {
                    if (LOCKABLE.contains(w)) {
                        if (v.equals("lock")) {
                            a.required(i + 2);
                            opts.put(w, List.of("lock", a.word(i + 2)));
                            i += 3;
                        } else {
                            opts.put(w, List.of(v));
                            i += 2;
                        }
                    } else if (ONE.contains(w)) {
                        opts.put(w, List.of(v));
                        i += 2;
                    } else if (!isDefault && IpPrefixes.parse(w) != null) {
                        // a later address silently replaces the destination
                        dest = IpPrefixes.parse(w);
                        destWord = w;
                        i++;
                    } else {
                        if (IpPrefixes.parse(w) == null) {
                            p.error(o, "VRRP parsed invalid IP " + w + ". skipping IP...");
                        }
                        p.error(o, "unknown route keyword " + w);
                        return null;
                    }
                }
            }
        }
        if (dest == null && !isDefault) {
            p.error(o, "Route must have a destination");
            return null;
        }
        if (dest != null && dest.isIpv6()) {
            inet6 = true;
        }
        if (trackGroup != null && noTrack) {
            p.error(o, "Static route has both track_group and no_track set - not tracking");
            trackGroup = null;
        }
        // static and virtual routes alike; keepalived names the destination as written
        if (dev == null && !noTrack) {
            p.error(o, "Warning - cannot track route " + destWord
                    + " with no interface specified, not tracking");
        }
        return new Route(dest, type, src, via, dev, table, metric, inet6, noTrack, trackGroup, opts, nexthops, o);
    }

    /** Small holder so that a failed literal parse reads naturally above. */
    private record InetAddressOrNull(java.net.InetAddress value) {
        static InetAddressOrNull of(String s) {
            return new InetAddressOrNull(IpPrefix.literal(s));
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (type != null) {
            sb.append(type).append(' ');
        }
        sb.append(destination == null ? (inet6 ? "inet6 default" : "default") : destination.toString());
        if (src != null) {
            sb.append(" src ").append(src);
        }
        if (via != null) {
            sb.append(" via ").append(via);
        }
        if (dev != null) {
            sb.append(" dev ").append(dev);
        }
        if (table != null) {
            sb.append(" table ").append(table);
        }
        if (metric != null) {
            sb.append(" metric ").append(metric);
        }
        options.forEach((k, v) -> sb.append(' ').append(k).append(v.isEmpty() ? "" : " " + String.join(" ", v)));
        nexthops.forEach(n -> sb.append(" nexthop ").append(String.join(" ", n)));
        if (noTrack) {
            sb.append(" no_track");
        }
        if (trackGroup != null) {
            sb.append(" track_group ").append(trackGroup);
        }
        return sb.toString();
    }
}
