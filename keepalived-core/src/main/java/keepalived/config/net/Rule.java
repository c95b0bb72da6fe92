package keepalived.config.net;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import keepalived.config.Args;
import keepalived.config.Origin;
import keepalived.config.Problems;

/**
 * One rule line of {@code static_rules} / {@code virtual_rules} (iproute2 {@code ip rule} syntax).
 * Typed fields for selectors and the action; other options in {@link #options()}.
 *
 * @param preference when absent, keepalived's default with its warning: 16384 for the first such rule of
 *                   the config, one less for each next one
 * @param action the table/goto/type action words, e.g. {@code table 100}
 */
public record Rule(IpPrefix from, IpPrefix to, boolean not, String table, long preference, String action,
        boolean inet6, boolean noTrack, String trackGroup, Map<String, String> options, Origin origin) {

    private static final Set<String> ONE = Set.of("tos", "dsfield", "fwmark", "realms", "iif", "iifname", "dev", "oif",
            "oifname", "goto", "uidrange", "protocol", "ipproto", "sport", "dport", "suppress_prefixlength",
            "suppress_ifgroup", "tunnel-id", "type");
    private static final Set<String> BARE = Set.of("nop", "l3mdev", "blackhole", "prohibit", "unreachable");

    public Rule {
        options = Map.copyOf(options);
    }

    /** Parses a static_rules line (track_group allowed). */
    public static Rule parse(Args a) {
        return parse(a, true);
    }

    /**
     * Parses a rule line, reporting as keepalived does; null when keepalived drops it. Only a
     * static rule may name a track_group, and then it needs dev/iif (the interface it follows).
     */
    public static Rule parse(Args a, boolean isStatic) {
        Problems p = a.problems();
        Origin o = a.origin();
        IpPrefix from = null;
        IpPrefix to = null;
        boolean not = false;
        String table = null;
        Long pref = null;
        boolean inet6 = false;
        boolean noTrack = false;
        String trackGroup = null;
        Map<String, String> opts = new LinkedHashMap<>();
        int i = 0;
        while (i < a.size()) {
            String w = a.word(i);
            String v = a.word(i + 1);
            switch (w) {
                case "not" -> not = true;
                case "inet" -> inet6 = false;
                case "inet6" -> inet6 = true;
                case "no_track" -> noTrack = true;
                default -> {
                    if (BARE.contains(w)) {
                        opts.put(w, "");
                        break;
                    }
                    if (!ONE.contains(w) && !Set.of("from", "to", "table", "lookup", "preference", "priority",
                            "order").contains(w) && !(isStatic && w.equals("track_group"))) {
                        p.error(o, "Unknown rule option " + w);
                        return null;
                    }
                    if (v == null) {
                        p.error(o, "No " + w + " parameter specified for rule");
                        return null;
                    }
                    i++;
                    switch (w) {
                        case "from", "to" -> {
                            IpPrefix pf = v.equals("all") ? null : IpPrefixes.parse(v);
                            if (pf == null && !v.equals("all")) {
                                p.error(o, "Invalid rule " + w + " address " + v);
                                return null;
                            }
                            if (pf != null && pf.isIpv6()) {
                                inet6 = true;
                            }
                            if (w.equals("from")) {
                                from = pf;
                            } else {
                                to = pf;
                            }
                        }
                        case "table", "lookup" -> {
                            if (RtTables.resolve(v) == null) {
                                p.error(o, "Routing table " + v + " not found for rule");
                                return null;
                            }
                            table = v;
                        }
                        case "preference", "priority", "order" -> {
                            Long n = keepalived.config.Values.integer(v, 0, 0xFFFFFFFFL, o, p);
                            if (n == null) {
                                p.error(o, "Invalid rule preference " + w + " specified");
                                return null;
                            }
                            pref = n;
                        }
                        case "track_group" -> trackGroup = v;
                        default -> opts.put(w, v);
                    }
                }
            }
            i++;
        }
        if (pref == null) {
            pref = p.takeDefaultRulePreference();
            p.warning(o, "Rule has no preference specified - setting to " + pref + ". This is probably not what you want.");
        }
        if (trackGroup != null && noTrack) {
            p.error(o, "Static rule has both track_group and no_track set - not tracking");
            trackGroup = null;
        }
        if (trackGroup != null && iif(opts) == null) {
            p.error(o, "Static rule cannot have track_group if dev/iif not specified");
            trackGroup = null;
        }
        String action = table != null ? "table " + table
                : opts.containsKey("goto") ? "goto " + opts.get("goto")
                : opts.keySet().stream().filter(BARE::contains).findFirst().orElse(null);
        return new Rule(from, to, not, table, pref, action, inet6, noTrack, trackGroup, opts, o);
    }

    /** The input interface of the rule's options (iif, iifname or dev), or null. */
    public static String iif(Map<String, String> options) {
        String v = options.get("iif");
        if (v == null) {
            v = options.get("iifname");
        }
        return v != null ? v : options.get("dev");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (not) {
            sb.append("not ");
        }
        sb.append("from ").append(from == null ? "all" : from.toString());
        if (to != null) {
            sb.append(" to ").append(to);
        }
        options.forEach((k, v) -> sb.append(' ').append(k).append(v.isEmpty() ? "" : " " + v));
        sb.append(" preference ").append(preference);
        if (action != null && table != null) {
            sb.append(' ').append(action);
        }
        if (inet6) {
            sb.append(" inet6");
        }
        return sb.toString();
    }
}
