package keepalived.vrrp.io;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import keepalived.config.net.IpPrefix;
import keepalived.config.net.RtTables;
import keepalived.netlink.FibRules;
import keepalived.netlink.Nexthop;
import keepalived.netlink.Route;
import keepalived.netlink.Rtnetlink;
import keepalived.netlink.Rtnl;
import keepalived.netlink.Rule;
import keepalived.sys.LinuxConstants;
import keepalived.sys.NativeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds and removes routes and policy rules ({@code virtual_routes}/{@code virtual_rules} of an
 * instance, {@code static_routes}/{@code static_rules}) through rtnetlink. This is the one place
 * where a config line ({@link keepalived.config.net.Route}, {@link keepalived.config.net.Rule}) is
 * turned into its rtnetlink form. Routes are installed with protocol {@code keepalived} (18), as
 * keepalived 2.2.7 does (unless the line says {@code protocol}). Adding what is already there and
 * removing what is not are not errors.
 *
 * <p>Not carried to the kernel (logged once per line when the line is converted): route metrics
 * (mtu, window, rtt, ..., congctl), encap, expires, realms, pref, ttl-propagate, vrf; rule goto,
 * realms, uidrange, ipproto, sport/dport, suppress_*, tunnel-id, l3mdev, protocol.
 */
public final class RouteManager {
    private static final Logger LOG = LoggerFactory.getLogger("keepalived.vrrp");
    private static final int ENOENT = 2;
    private static final int ESRCH = 3;
    private static final int EEXIST = 17;
    private static final int ENODEV = 19;

    private final Rtnl rtnl;
    private final VipManager.Interfaces interfaces;

    private java.util.function.Consumer<Route> routeRemoved = r -> { };
    private java.util.function.Consumer<Rule> ruleRemoved = r -> { };

    public RouteManager(Rtnl rtnl, VipManager.Interfaces interfaces) {
        this.rtnl = rtnl;
        this.interfaces = interfaces;
    }

    /** Told of every route and rule this manager removed (so that their RTM_DEL* are known to be ours). */
    public void onRemoved(java.util.function.Consumer<Route> routes, java.util.function.Consumer<Rule> rules) {
        this.routeRemoved = routes;
        this.ruleRemoved = rules;
    }

    /** Adds every route; returns how many failed (logged). */
    public int addRoutes(List<keepalived.config.net.Route> routes) {
        int failed = 0;
        for (keepalived.config.net.Route r : routes) {
            Route nl = toNetlink(r, interfaces);
            if (nl == null) {
                failed++;
                continue;
            }
            try {
                rtnl.addRoute(nl);
            } catch (NativeException e) {
                if (e.errnoValue() != EEXIST) {
                    LOG.warn("Unable to add route {}: {}", r, e.getMessage());
                    failed++;
                }
            } catch (IOException e) {
                LOG.warn("Unable to add route {}: {}", r, e.getMessage());
                failed++;
            }
        }
        return failed;
    }

    /** Removes every route that is present, in reverse order; returns how many failed for another reason. */
    public int removeRoutes(List<keepalived.config.net.Route> routes) {
        int failed = 0;
        for (int i = routes.size() - 1; i >= 0; i--) {
            keepalived.config.net.Route r = routes.get(i);
            Route nl = toNetlink(r, interfaces);
            if (nl == null) {
                continue;
            }
            try {
                rtnl.deleteRoute(nl);
                routeRemoved.accept(nl);
            } catch (NativeException e) {
                int errno = e.errnoValue();
                if (errno != ESRCH && errno != ENOENT && errno != ENODEV) {
                    LOG.warn("Unable to remove route {}: {}", r, e.getMessage());
                    failed++;
                }
            } catch (IOException e) {
                LOG.warn("Unable to remove route {}: {}", r, e.getMessage());
                failed++;
            }
        }
        return failed;
    }

    /** Adds every rule; returns how many failed (logged). */
    public int addRules(List<keepalived.config.net.Rule> rules) {
        int failed = 0;
        for (keepalived.config.net.Rule r : rules) {
            Rule nl = toNetlink(r);
            if (nl == null) {
                failed++;
                continue;
            }
            try {
                rtnl.addRule(nl);
            } catch (NativeException e) {
                if (e.errnoValue() != EEXIST) {
                    LOG.warn("Unable to add rule {}: {}", r, e.getMessage());
                    failed++;
                }
            } catch (IOException e) {
                LOG.warn("Unable to add rule {}: {}", r, e.getMessage());
                failed++;
            }
        }
        return failed;
    }

    /** Removes every rule that is present, in reverse order. */
    public int removeRules(List<keepalived.config.net.Rule> rules) {
        int failed = 0;
        for (int i = rules.size() - 1; i >= 0; i--) {
            keepalived.config.net.Rule r = rules.get(i);
            Rule nl = toNetlink(r);
            if (nl == null) {
                continue;
            }
            try {
                rtnl.deleteRule(nl);
                ruleRemoved.accept(nl);
            } catch (NativeException e) {
                int errno = e.errnoValue();
                if (errno != ENOENT && errno != ESRCH) {
                    LOG.warn("Unable to remove rule {}: {}", r, e.getMessage());
                    failed++;
                }
            } catch (IOException e) {
                LOG.warn("Unable to remove rule {}: {}", r, e.getMessage());
                failed++;
            }
        }
        return failed;
    }

    // ---- conversion (the one place)

    /** The rtnetlink form of a route line; null (logged) when it cannot be built (missing interface, bad value). */
    public static Route toNetlink(keepalived.config.net.Route r, VipManager.Interfaces interfaces) {
        try {
            InetAddress via = r.via() == null ? null : IpPrefix.literal(r.via());
            boolean v6 = r.inet6() || r.destination() != null && r.destination().isIpv6()
                    || via instanceof Inet6Address;
            int family = v6 ? LinuxConstants.AF_INET6 : LinuxConstants.AF_INET;
            Route.Builder b = r.destination() == null ? Route.defaultRoute(family)
                    : Route.to(r.destination().address(), length(r.destination()));
            b.protocol(Rtnetlink.RTPROT_KEEPALIVED);
            if (r.type() != null) {
                b.type(routeType(r.type()));
            }
            if (r.src() != null) {
                b.src(r.src().address());
            }
            if (via != null) {
                b.via(via);
            }
            if (r.dev() != null) {
                int idx = interfaces.index(r.dev());
                if (idx <= 0) {
                    LOG.warn("Interface {} for route {} does not exist", r.dev(), r);
                    return null;
                }
                b.dev(idx);
            }
            if (r.table() != null) {
                b.table(RtTables.resolve(r.table()));
            }
            if (r.metric() != null) {
                b.metric(r.metric());
            }
            int flags = 0;
            for (Map.Entry<String, List<String>> e : r.options().entrySet()) {
                List<String> v = e.getValue();
                switch (e.getKey()) {
                    case "from" -> {
                        IpPrefix p = prefix(v.get(0));
                        b.from(p.address(), length(p));
                    }
                    case "scope" -> b.scope(VipManager.scope(v.get(0)));
                    case "protocol", "proto" -> b.protocol(protocol(v.get(0)));
                    case "tos", "dsfield" -> b.tos(Integer.decode(v.get(0)));
                    case "onlink" -> flags |= Rtnetlink.RTNH_F_ONLINK;
                    case "append", "prepend", "inet" -> { }
                    default -> LOG.warn("Route option {} of {} is not supported by keepalived-java - ignored",
                            e.getKey(), r);
                }
            }
            if (flags != 0) {
                b.flags(flags);
            }
            for (List<String> nh : r.nexthops()) {
                InetAddress gw = null;
                int idx = 0;
                int weight = 1;
                int nhFlags = 0;
                for (int i = 0; i < nh.size(); i++) {
                    switch (nh.get(i)) {
                        case "via" -> {
                            String a = nh.get(++i);
                            if ((a.equals("inet") || a.equals("inet6")) && i + 1 < nh.size()) {
                                a = nh.get(++i);
                            }
                            gw = IpPrefix.literal(a);
                        }
                        case "dev" -> {
                            String d = nh.get(++i);
                            idx = interfaces.index(d);
                            if (idx <= 0) {
                                LOG.warn("Interface {} for route {} does not exist", d, r);
                                return null;
                            }
                        }
                        case "weight" -> weight = Integer.parseInt(nh.get(++i));
                        case "onlink" -> nhFlags |= Rtnetlink.RTNH_F_ONLINK;
                        default -> LOG.warn("Nexthop option {} of {} is not supported by keepalived-java - ignored",
                                nh.get(i), r);
                    }
                }
                b.nexthop(new Nexthop(idx, gw, weight, nhFlags));
            }
            return b.build();
        } catch (RuntimeException e) {
            LOG.warn("Unable to build route {}: {}", r, e.toString());
            return null;
        }
    }

    /** The rtnetlink form of a rule line; null (logged) when its action is not supported. */
    public static Rule toNetlink(keepalived.config.net.Rule r) {
        try {
            boolean v6 = r.inet6() || r.from() != null && r.from().isIpv6() || r.to() != null && r.to().isIpv6();
            Rule.Builder b = Rule.builder(v6 ? LinuxConstants.AF_INET6 : LinuxConstants.AF_INET);
            b.priority(r.preference());
            if (!r.noTrack()) {
                // observed on 2.2.7: tracked rules carry proto keepalived, no_track ones none
                b.protocol(Rtnetlink.RTPROT_KEEPALIVED);
            }
            if (r.from() != null) {
                b.from(r.from().address(), length(r.from()));
            }
            if (r.to() != null) {
                b.to(r.to().address(), length(r.to()));
            }
            if (r.not()) {
                b.invert();
            }
            if (r.table() != null) {
                b.table(RtTables.resolve(r.table()));
            }
            for (Map.Entry<String, String> e : r.options().entrySet()) {
                String v = e.getValue();
                switch (e.getKey()) {
                    case "nop" -> b.action(FibRules.FR_ACT_NOP);
                    case "blackhole" -> b.action(FibRules.FR_ACT_BLACKHOLE);
                    case "prohibit" -> b.action(FibRules.FR_ACT_PROHIBIT);
                    case "unreachable" -> b.action(FibRules.FR_ACT_UNREACHABLE);
                    case "type" -> b.action(switch (v) {
                        case "blackhole" -> FibRules.FR_ACT_BLACKHOLE;
                        case "prohibit" -> FibRules.FR_ACT_PROHIBIT;
                        case "unreachable" -> FibRules.FR_ACT_UNREACHABLE;
                        case "nop" -> FibRules.FR_ACT_NOP;
                        default -> FibRules.FR_ACT_TO_TBL;
                    });
                    case "fwmark" -> {
                        int slash = v.indexOf('/');
                        b.fwmark(Long.decode(slash < 0 ? v : v.substring(0, slash)));
                        if (slash >= 0) {
                            b.fwmask(Long.decode(v.substring(slash + 1)));
                        }
                    }
                    case "iif", "iifname", "dev" -> b.iif(v);
                    case "oif", "oifname" -> b.oif(v);
                    case "tos", "dsfield" -> b.tos(Integer.decode(v));
                    case "goto" -> {
                        LOG.warn("Rule action goto of {} is not supported by keepalived-java - rule not installed", r);
                        return null;
                    }
                    default -> LOG.warn("Rule option {} of {} is not supported by keepalived-java - ignored",
                            e.getKey(), r);
                }
            }
            return b.build();
        } catch (RuntimeException e) {
            LOG.warn("Unable to build rule {}: {}", r, e.toString());
            return null;
        }
    }

    private static int length(IpPrefix p) {
        return p.prefixLength() < 0 ? p.maxPrefix() : p.prefixLength();
    }

    private static IpPrefix prefix(String w) {
        int slash = w.indexOf('/');
        InetAddress a = IpPrefix.literal(slash < 0 ? w : w.substring(0, slash));
        if (a == null) {
            throw new IllegalArgumentException("bad address " + w);
        }
        return new IpPrefix(a, slash < 0 ? -1 : Integer.parseInt(w.substring(slash + 1)));
    }

    static int routeType(String t) {
        return switch (t) {
            case "unicast" -> Rtnetlink.RTN_UNICAST;
            case "local" -> Rtnetlink.RTN_LOCAL;
            case "broadcast" -> Rtnetlink.RTN_BROADCAST;
            case "anycast" -> Rtnetlink.RTN_ANYCAST;
            case "multicast" -> Rtnetlink.RTN_MULTICAST;
            case "blackhole" -> Rtnetlink.RTN_BLACKHOLE;
            case "unreachable" -> Rtnetlink.RTN_UNREACHABLE;
            case "prohibit" -> Rtnetlink.RTN_PROHIBIT;
            case "throw" -> Rtnetlink.RTN_THROW;
            case "nat" -> 10;
            default -> throw new IllegalArgumentException("route type " + t);
        };
    }

    /** iproute2's protocol names (rt_protos) or a number. */
    static int protocol(String p) {
        return switch (p.toLowerCase(Locale.ROOT)) {
            case "unspec" -> Rtnetlink.RTPROT_UNSPEC;
            case "redirect" -> 1;
            case "kernel" -> Rtnetlink.RTPROT_KERNEL;
            case "boot" -> Rtnetlink.RTPROT_BOOT;
            case "static" -> Rtnetlink.RTPROT_STATIC;
            case "keepalived" -> Rtnetlink.RTPROT_KEEPALIVED;
            case "dhcp" -> 16;
            case "bird" -> 12;
            case "zebra" -> 11;
            default -> Integer.decode(p);
        };
    }
}
