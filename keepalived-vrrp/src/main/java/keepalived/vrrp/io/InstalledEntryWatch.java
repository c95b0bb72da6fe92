package keepalived.vrrp.io;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import keepalived.config.net.IpAddress;
import keepalived.netlink.Address;
import keepalived.netlink.Link;
import keepalived.netlink.Route;
import keepalived.netlink.Rtnl;
import keepalived.netlink.Rule;
import keepalived.vrrp.state.VrrpInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when someone else removes an address, route or rule that we installed, and reacts as
 * keepalived 2.2.7 does (observed, see the shared notes' keepalived-behaviour.md section 10):
 * <ul>
 * <li>a VIP/eVIP, virtual route or virtual rule of a MASTER: the instance goes BACKUP (priority 0,
 * everything removed) and the election runs again, which puts it all back; a {@code no_track}
 * entry is left missing until the next transition to MASTER;</li>
 * <li>a static address, route or rule: put back at once ("Restoring deleted static ...").</li>
 * </ul>
 * Our own removals (a MASTER leaving, a reload's diff, the stop) are told to this watch by
 * {@link VipManager} and {@link RouteManager} when the kernel accepted them; the kernel sends
 * exactly one RTM_DEL* per successful delete, so each is matched against one such removal and
 * dropped. Events are acted on after the batch they came in (a link going down in the same batch
 * is the link watcher's business: an entry on an interface that is down or gone is left to it).
 */
public final class InstalledEntryWatch {
    private static final Logger LOG = LoggerFactory.getLogger("keepalived.vrrp");

    /**
     * One entry we installed: its kernel form ({@link Address}, {@link Route} or {@link Rule}),
     * its config line, the interface an address went on, and its owner (null: a static entry).
     */
    public record Entry(Object kernel, Object line, String dev, VrrpInstance owner, boolean tracked) {
    }

    private final Rtnl rtnl;
    private final VipManager vips;
    private final RouteManager routes;
    private final Supplier<List<Entry>> installed;
    /** Kernel keys of our own successful deletes whose RTM_DEL* has not arrived yet. */
    private final Map<Object, Integer> ownRemovals = new HashMap<>();
    private final List<Object> lost = new ArrayList<>();
    private boolean routesWatched;
    private boolean rulesWatched;
    private java.util.concurrent.Executor later = Runnable::run;
    private boolean reactScheduled;

    /**
     * @param installed what is installed now (VIPs, eVIPs, virtual routes and rules of the MASTER
     *                  instances, and the static entries), asked for only when a deletion is not ours
     */
    public InstalledEntryWatch(Rtnl rtnl, VipManager vips, RouteManager routes, Supplier<List<Entry>> installed) {
        this.rtnl = rtnl;
        this.vips = vips;
        this.routes = routes;
        this.installed = installed;
        vips.onRemoved(this::ownRemoval);
        routes.onRemoved(this::ownRemoval, this::ownRemoval);
    }

    /** Where {@link #react()} is queued after an event batch (the daemon's loop). */
    public void reactOn(java.util.concurrent.Executor executor) {
        this.later = executor;
    }

    /** An address event from the host; a deletion by someone else is acted on after the batch. */
    public void address(Address a, boolean deleted) {
        if (deleted && addressDeleted(a)) {
            scheduleReact();
        }
    }

    public void route(Route r, boolean deleted) {
        if (deleted && routeDeleted(r)) {
            scheduleReact();
        }
    }

    public void rule(Rule r, boolean deleted) {
        if (deleted && ruleDeleted(r)) {
            scheduleReact();
        }
    }

    private void scheduleReact() {
        if (!reactScheduled) {
            reactScheduled = true;
            later.execute(() -> {
                reactScheduled = false;
                react();
            });
        }
    }

    /**
     * Which kinds the event socket is subscribed to (addresses always): as keepalived 2.2.7,
     * routes only with a virtual route or a static route with track_group, rules likewise; a
     * deleted static route is otherwise not noticed (and not restored).
     */
    public void watching(boolean routes, boolean rules) {
        if (routesWatched != routes || rulesWatched != rules) {
            ownRemovals.clear();
        }
        this.routesWatched = routes;
        this.rulesWatched = rules;
    }

    /** We removed {@code kernel} (the kernel accepted it): its RTM_DEL* is ours, if we are subscribed to it. */
    void ownRemoval(Object kernel) {
        if (kernel instanceof Route && !routesWatched || kernel instanceof Rule && !rulesWatched) {
            return;
        }
        ownRemovals.merge(key(kernel), 1, Integer::sum);
    }

    /** Events were lost: the pending own removals can no longer be matched. */
    public void resync() {
        ownRemovals.clear();
    }

    /** An RTM_DELADDR; true if it was someone else's removal of something we installed (acted on later). */
    public boolean addressDeleted(Address a) {
        return deleted(key(a), a);
    }

    public boolean routeDeleted(Route r) {
        return routesWatched && deleted(key(r), r);
    }

    public boolean ruleDeleted(Rule r) {
        return rulesWatched && deleted(key(r), r);
    }

    private boolean deleted(Object key, Object kernel) {
        Integer n = ownRemovals.get(key);
        if (n != null) {
            if (n <= 1) {
                ownRemovals.remove(key);
            } else {
                ownRemovals.put(key, n - 1);
            }
            return false;
        }
        lost.add(kernel);
        return true;
    }

    /** Whether {@link #react()} has work (call it after the current event batch). */
    public boolean pending() {
        return !lost.isEmpty();
    }

    /** Acts on the deletions collected since the last call. */
    public void react() {
        if (lost.isEmpty()) {
            return;
        }
        List<Object> gone = List.copyOf(lost);
        lost.clear();
        List<Entry> now = installed.get();
        List<VrrpInstance> released = new ArrayList<>();
        for (Object k : gone) {
            Object key = key(k);
            for (Entry e : now) {
                if (!key.equals(key(e.kernel())) || (k instanceof Address a && !linkUp(a.ifindex()))) {
                    continue;
                }
                if (e.owner() == null) {
                    restore(e);
                } else if (e.tracked() && !released.contains(e.owner())) {
                    if (k instanceof Address a) {
                        LOG.info("Netlink reflector reports IP {} removed from {}", a.address().getHostAddress(),
                                e.dev());
                    }
                    released.add(e.owner());
                }
            }
        }
        for (VrrpInstance vi : released) {
            vi.onInstalledEntryLost();
        }
    }

    private boolean linkUp(int ifindex) {
        try {
            Link l = rtnl.link(ifindex).orElse(null);
            return l != null && l.isUp();
        } catch (IOException e) {
            return false;
        }
    }

    private void restore(Entry e) {
        if (e.line() instanceof IpAddress ip) {
            boolean ok = vips.add(List.of(ip), e.dev()) == 0;
            LOG.info("Restoring deleted static address {}{}", describe(ip, e.dev()), ok ? " set" : "");
        } else if (e.line() instanceof keepalived.config.net.Route r) {
            routes.addRoutes(List.of(r));
            LOG.info("Restoring deleted static route {}", r);
        } else if (e.line() instanceof keepalived.config.net.Rule r) {
            routes.addRules(List.of(r));
            LOG.info("Restoring deleted static rule {}", r);
        }
    }

    /** keepalived's form: "10.9.0.201/24 dev eth0 scope global [track_group G]". */
    static String describe(IpAddress ip, String dev) {
        return ip.text() + " dev " + dev + " scope " + (ip.scope() != null ? ip.scope() : "global")
                + (ip.trackGroup() != null ? " track_group " + ip.trackGroup() : "");
    }

    /** {@code link} came up: static entries on it are put back (the kernel drops IPv4 routes with a link going down). */
    public void linkUp(String link) {
        for (Entry e : installed.get()) {
            if (e.owner() != null) {
                continue;
            }
            boolean on = e.line() instanceof keepalived.config.net.Route r ? link.equals(r.dev())
                    : link.equals(e.dev());
            if (on && !present(e)) {
                restore(e);
            }
        }
    }

    private boolean present(Entry e) {
        try {
            Object key = key(e.kernel());
            if (e.kernel() instanceof Address a) {
                return rtnl.addresses(a.family()).stream().anyMatch(x -> key(x).equals(key));
            }
            if (e.kernel() instanceof Route r) {
                return rtnl.routes(r.family()).stream().anyMatch(x -> key(x).equals(key));
            }
            return true; // rules do not go with a link
        } catch (IOException ex) {
            return false;
        }
    }

    // ---- what is installed now

    /** The VIPs, eVIPs, virtual routes and rules of a MASTER instance whose VIPs go on {@code vipDev}. */
    public static void addInstance(List<Entry> into, VrrpInstance vi, keepalived.vrrp.state.InstanceConfig ic,
            String vipDev, VipManager.Interfaces interfaces) {
        for (List<IpAddress> l : List.of(ic.vips(), ic.evips())) {
            for (IpAddress ip : l) {
                String dev = VipManager.dev(ip, vipDev);
                int idx = interfaces.index(dev);
                if (idx > 0) {
                    into.add(new Entry(VipManager.toAddress(ip, idx), ip, dev, vi, !ip.noTrack()));
                }
            }
        }
        for (keepalived.config.net.Route r : ic.vroutes()) {
            Route nl = RouteManager.toNetlink(r, interfaces);
            if (nl != null) {
                into.add(new Entry(nl, r, r.dev(), vi, !r.noTrack()));
            }
        }
        for (keepalived.config.net.Rule r : ic.vrules()) {
            Rule nl = RouteManager.toNetlink(r);
            if (nl != null) {
                into.add(new Entry(nl, r, null, vi, !r.noTrack()));
            }
        }
    }

    /** static_ipaddress (no dev: {@code defaultDev}), static_routes and static_rules. */
    public static void addStatic(List<Entry> into, List<IpAddress> addresses, List<keepalived.config.net.Route> rts,
            List<keepalived.config.net.Rule> rules, String defaultDev, VipManager.Interfaces interfaces) {
        for (IpAddress ip : addresses) {
            String dev = VipManager.dev(ip, defaultDev);
            int idx = dev == null ? 0 : interfaces.index(dev);
            if (idx > 0) {
                into.add(new Entry(VipManager.toAddress(ip, idx), ip, dev, null, true));
            }
        }
        for (keepalived.config.net.Route r : rts) {
            Route nl = RouteManager.toNetlink(r, interfaces);
            if (nl != null) {
                into.add(new Entry(nl, r, r.dev(), null, true));
            }
        }
        for (keepalived.config.net.Rule r : rules) {
            Rule nl = RouteManager.toNetlink(r);
            if (nl != null) {
                into.add(new Entry(nl, r, null, null, true));
            }
        }
    }

    // ---- identity of an entry as the kernel reports it

    record AddressKey(int ifindex, InetAddress address) {
    }

    record RouteKey(int family, InetAddress destination, int length, long table, int tos) {
    }

    record RuleKey(int family, long priority, long table, InetAddress from, int fromLength, InetAddress to,
            int toLength) {
    }

    static Object key(Object kernel) {
        if (kernel instanceof Address a) {
            return new AddressKey(a.ifindex(), a.address());
        }
        if (kernel instanceof Route r) {
            return new RouteKey(r.family(), r.destination(), r.destinationLength(), r.table(), r.tos());
        }
        if (kernel instanceof Rule r) {
            return new RuleKey(r.family(), r.priority(), r.table(), r.from(), r.fromLength(), r.to(), r.toLength());
        }
        throw new IllegalArgumentException("not a kernel entry: " + kernel);
    }
}
