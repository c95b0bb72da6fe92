package keepalived.netlink;

import static keepalived.netlink.Rtnetlink.*;

import java.io.IOException;

/**
 * The rtnetlink event socket: link, address, route and rule notifications decoded and handed to
 * a {@link Listener}. Register {@link #fd()} for read readiness in the event loop and call
 * {@link #poll()} when it fires. A receive-queue overflow (ENOBUFS) means events were lost, so
 * the listener's {@link Listener#resyncNeeded()} is called: the owner must re-dump its state.
 */
public final class RtnlEvents implements AutoCloseable {
    /** Link, IPv4/IPv6 addresses, routes and rules. */
    public static final int[] ALL_GROUPS = {RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR,
        RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_ROUTE, RTNLGRP_IPV4_RULE, RTNLGRP_IPV6_RULE};
    /** Default receive buffer: room for a burst of thousands of notifications. */
    public static final int DEFAULT_RCVBUF = 8 << 20;

    /** Receives decoded notifications on the thread that calls {@link #poll()}. */
    public interface Listener {
        default void link(Link link, boolean deleted) {
        }

        default void address(Address address, boolean deleted) {
        }

        default void route(Route route, boolean deleted) {
        }

        default void rule(Rule rule, boolean deleted) {
        }

        /** Events were dropped by the kernel (socket overflow): re-read links, addresses, routes. */
        void resyncNeeded();
    }

    private final NetlinkSocket socket;
    private final Listener listener;
    private long overflows;

    private RtnlEvents(NetlinkSocket socket, Listener listener) {
        this.socket = socket;
        this.listener = listener;
    }

    public static RtnlEvents open(Listener listener) throws IOException {
        return open(listener, DEFAULT_RCVBUF, ALL_GROUPS);
    }

    public static RtnlEvents open(Listener listener, int rcvbufBytes, int... groups) throws IOException {
        return new RtnlEvents(NetlinkSocket.openEvents(Netlink.NETLINK_ROUTE, rcvbufBytes, groups), listener);
    }

    public int fd() {
        return socket.fd();
    }

    public NetlinkSocket socket() {
        return socket;
    }

    /** How many times the queue overflowed since opening. */
    public long overflows() {
        return overflows;
    }

    /** Drains every queued notification without blocking; returns how many were dispatched. */
    public int poll() throws IOException {
        int[] n = {0};
        int r = socket.receiveEvents(m -> {
            dispatch(m);
            n[0]++;
        });
        if (r < 0) {
            overflows++;
            listener.resyncNeeded();
        }
        return n[0];
    }

    private void dispatch(Message m) {
        switch (m.type()) {
            case RTM_NEWLINK, RTM_DELLINK -> listener.link(Link.decode(m), m.type() == RTM_DELLINK);
            case RTM_NEWADDR, RTM_DELADDR -> listener.address(Address.decode(m), m.type() == RTM_DELADDR);
            case RTM_NEWROUTE, RTM_DELROUTE -> listener.route(Route.decode(m), m.type() == RTM_DELROUTE);
            case RTM_NEWRULE, RTM_DELRULE -> listener.rule(Rule.decode(m), m.type() == RTM_DELRULE);
            default -> {
                // other rtnetlink types are not subscribed
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
