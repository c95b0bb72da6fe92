package keepalived.vrrp.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import keepalived.loop.EventLoop;
import keepalived.netlink.Rtnetlink;
import keepalived.netlink.RtnlEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rtnetlink event socket of the VRRP loop: links and addresses always, routes and rules only
 * when keepalived would watch them (see {@link InstalledEntryWatch#watching}). A reload that
 * needs other groups reopens the socket with the same listener.
 */
public final class HostEvents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("keepalived.vrrp");

    private final EventLoop loop;
    private final RtnlEvents.Listener listener;
    private RtnlEvents events;
    private EventLoop.Registration registration;
    private int[] groups = {};

    public HostEvents(EventLoop loop, RtnlEvents.Listener listener) {
        this.loop = loop;
        this.listener = listener;
    }

    /** Subscribes (again, if the groups changed); false (logged) when the socket cannot be opened. */
    public boolean subscribe(boolean routes, boolean rules) {
        List<Integer> g = new ArrayList<>(List.of(Rtnetlink.RTNLGRP_LINK, Rtnetlink.RTNLGRP_IPV4_IFADDR,
                Rtnetlink.RTNLGRP_IPV6_IFADDR));
        if (routes) {
            g.addAll(List.of(Rtnetlink.RTNLGRP_IPV4_ROUTE, Rtnetlink.RTNLGRP_IPV6_ROUTE));
        }
        if (rules) {
            g.addAll(List.of(Rtnetlink.RTNLGRP_IPV4_RULE, Rtnetlink.RTNLGRP_IPV6_RULE));
        }
        int[] wanted = g.stream().mapToInt(Integer::intValue).toArray();
        if (Arrays.equals(wanted, groups)) {
            return true;
        }
        try {
            close();
            // routes can come in bursts of thousands (a routing daemon's table): a bigger buffer then
            RtnlEvents e = RtnlEvents.open(listener, routes ? 4 << 20 : 1 << 20, wanted);
            events = e;
            registration = loop.register(e.fd(), ev -> e.poll());
            groups = wanted;
            return true;
        } catch (IOException e) {
            LOG.warn("Unable to watch interface changes: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        groups = new int[0];
        if (registration != null) {
            registration.cancel();
            registration = null;
        }
        if (events != null) {
            events.close();
            events = null;
        }
    }
}
