package keepalived.config.net;

import java.util.List;
import keepalived.config.Block;
import keepalived.config.Host;
import keepalived.config.Key;
import keepalived.config.Keyword;
import keepalived.config.Problems;
import keepalived.config.Schema;
import keepalived.config.Severity;

/**
 * {@code static_ipaddress}, {@code static_routes}, {@code static_rules}: addresses, routes and
 * rules the VRRP process installs at start whatever the VRRP state (keepalived.conf(5)).
 */
public final class StaticKeywords {
    private StaticKeywords() {
    }

    public static final Key<List<IpAddress>> STATIC_ADDRESSES = Key.of("static_ipaddress", List.of());
    public static final Key<List<Route>> STATIC_ROUTES = Key.of("static_routes", List.of());
    public static final Key<List<Rule>> STATIC_RULES = Key.of("static_rules", List.of());

    public static void install(Schema top) {
        top.list("static_ipaddress", STATIC_ADDRESSES, a -> IpAddress.parse(a, IpAddress.Context.STATIC))
                .owner(Keyword.Owner.VRRP).doc("addresses installed at start, not moved by VRRP");
        top.list("static_routes", STATIC_ROUTES, a -> Route.parse(a, true))
                .owner(Keyword.Owner.VRRP).doc("routes installed at start");
        top.list("static_rules", STATIC_RULES, Rule::parse)
                .owner(Keyword.Owner.VRRP).doc("policy routing rules installed at start");
        top.implemented("static_ipaddress", "static_routes", "static_rules");
    }

    /** True when any static address, route or rule is configured. */
    public static boolean isUsed(Block root) {
        return !root.get(STATIC_ADDRESSES).isEmpty() || !root.get(STATIC_ROUTES).isEmpty()
                || !root.get(STATIC_RULES).isEmpty();
    }

    /**
     * Host checks of an address list: keepalived looks each {@code dev} up while parsing.
     *
     * @return true when an interface is missing (the caller adds keepalived's summary line)
     */
    public static boolean checkInterfaces(List<IpAddress> addresses, Host host, Problems problems) {
        boolean missing = false;
        for (IpAddress a : addresses) {
            if (a.dev() != null && !host.interfaceExists(a.dev())) {
                problems.report(Severity.BAD_INTERFACE, a.origin(),
                        "WARNING - interface " + a.dev() + " for ip address " + a.text() + " doesn't exist");
                missing = true;
            }
        }
        return missing;
    }
}
