package keepalived.vrrp.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import keepalived.netlink.Address;
import keepalived.netlink.Route;
import keepalived.netlink.Rule;
import keepalived.sys.LinuxConstants;
import org.junit.jupiter.api.Test;

/** Which RTM_DEL* events are someone else's: one per own removal is ours, the rest are not. */
class InstalledEntryWatchTest {
    final VipManager vips = new VipManager(null, n -> 0);
    final RouteManager routes = new RouteManager(null, n -> 0);
    final InstalledEntryWatch watch = new InstalledEntryWatch(null, vips, routes, List::of);

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void eachOwnRemovalAbsorbsExactlyOneDeletion() throws Exception {
        Address vip = Address.of(2, ip("10.9.0.100"), 24);
        watch.ownRemoval(vip);
        // the kernel's event carries other details (flags, label, lifetimes): matched on ifindex and address
        Address event = new Address(2, ip("10.9.0.100"), 24, null, ip("10.9.0.255"), "eth0", 0, 0x80, 0, 0);
        assertFalse(watch.addressDeleted(event), "our own removal");
        assertFalse(watch.pending());
        assertTrue(watch.addressDeleted(event), "a second deletion is someone else's");
        assertTrue(watch.pending());
        assertTrue(watch.addressDeleted(Address.of(3, ip("10.9.0.100"), 24)), "another interface");
    }

    @Test
    void routesAndRulesCountOnlyWhileWatched() throws Exception {
        Route r = Route.to(ip("10.20.0.0"), 24).via(ip("10.9.0.2")).build();
        Rule u = Rule.builder(LinuxConstants.AF_INET).priority(100).from(ip("10.30.0.0"), 24).table(100).build();
        watch.ownRemoval(r);
        watch.ownRemoval(u);
        assertFalse(watch.routeDeleted(r), "not subscribed: ignored");
        assertFalse(watch.ruleDeleted(u));
        watch.watching(true, true);
        watch.ownRemoval(r);
        watch.ownRemoval(u);
        assertFalse(watch.routeDeleted(r));
        assertFalse(watch.ruleDeleted(u));
        assertTrue(watch.routeDeleted(r));
        assertTrue(watch.ruleDeleted(u));
    }

    @Test
    void lostEventsForgetPendingOwnRemovals() throws Exception {
        Address vip = Address.of(2, ip("10.9.0.100"), 24);
        watch.ownRemoval(vip);
        watch.resync();
        assertTrue(watch.addressDeleted(vip));
    }
}
