package keepalived.netlink;

import keepalived.testing.NsThread;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

import keepalived.sys.LinuxConstants;
import keepalived.sys.Native;
import keepalived.testing.Cmd;
import keepalived.testing.NetNs;
import keepalived.testing.Prerequisites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event socket against a real kernel, in a namespace this test creates: link down/up,
 * carrier, rename and delete arrive as typed events (link down within the 100 ms the issue
 * demands), and an overflowing socket raises the resync signal instead of losing events silently.
 */
class RtnlEventsNamespaceTest {
    /** Acceptance bound from the issue: a link set down produces an event within 100 ms. */
    private static final long LINK_EVENT_BOUND_NS = 100_000_000L;

    private NetNs ns;
    private NsThread inNs;
    private Rtnl rtnl;
    private RtnlEvents events;
    private int epfd = -1;
    private final ByteBuffer ready = ByteBuffer.allocateDirect(4 * LinuxConstants.EPOLL_EVENT_SIZE)
            .order(ByteOrder.nativeOrder());
    private final List<Object[]> seen = new ArrayList<>(); // {kind, object, deleted}
    private int resyncs;

    @BeforeEach
    void setUp() throws Exception {
        Prerequisites.requireRoot();
        ns = NetNs.create("ev");
        ns.vethPair("ea", "eb");
        inNs = new NsThread(ns);
        rtnl = inNs.call(Rtnl::open);
        events = inNs.call(() -> RtnlEvents.open(new RtnlEvents.Listener() {
            @Override
            public void link(Link link, boolean deleted) {
                seen.add(new Object[] {"link", link, deleted});
            }

            @Override
            public void address(Address address, boolean deleted) {
                seen.add(new Object[] {"address", address, deleted});
            }

            @Override
            public void resyncNeeded() {
                resyncs++;
            }
        }));
        epfd = Native.epollCreate();
        Native.epollCtl(epfd, LinuxConstants.EPOLL_CTL_ADD, events.fd(), LinuxConstants.EPOLLIN, 0);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (epfd >= 0) {
            Native.close(epfd);
        }
        if (events != null) {
            events.close();
        }
        if (rtnl != null) {
            rtnl.close();
        }
        if (inNs != null) {
            inNs.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    /** Waits (epoll, bounded) until a link event matching {@code p} was dispatched. */
    private Link awaitLink(Predicate<Object[]> p, long timeoutNs) throws Exception {
        long deadline = System.nanoTime() + timeoutNs;
        while (true) {
            for (Object[] e : seen) {
                if ("link".equals(e[0]) && p.test(e)) {
                    return (Link) e[1];
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Native.epollWait(epfd, ready, 4, (int) Math.max(1, left / 1_000_000));
            events.poll();
        }
    }

    @Test
    void linkSetDownProducesAnEventWithin100Ms() throws Exception {
        assertTrue(events.socket().receiveBufferSize() >= RtnlEvents.DEFAULT_RCVBUF,
                "SO_RCVBUFFORCE gave " + events.socket().receiveBufferSize());
        int ea = rtnl.link("ea").orElseThrow().index();
        events.poll(); // discard anything from the setup
        seen.clear();
        long t0 = System.nanoTime();
        rtnl.setLinkUp(ea, false);
        Link down = awaitLink(e -> ((Link) e[1]).index() == ea && !((Link) e[1]).isUp(), 2_000_000_000L);
        long elapsed = System.nanoTime() - t0;
        assertNotNull(down, "no link-down event for ea");
        System.out.printf("link-down event after %.3f ms%n", elapsed / 1e6);
        assertTrue(elapsed < LINK_EVENT_BOUND_NS, "link-down event took " + elapsed / 1e6 + " ms");
        assertEquals("ea", down.name());
        assertFalse(down.hasCarrier());
        assertEquals(IfLink.IFF_UP, down.change() & IfLink.IFF_UP, "the change mask names IFF_UP");

        // the veth peer loses its carrier (still administratively up)
        int eb = rtnl.link("eb").orElseThrow().index();
        Link peer = awaitLink(e -> ((Link) e[1]).index() == eb && !((Link) e[1]).hasCarrier(), 2_000_000_000L);
        assertNotNull(peer, "no carrier-loss event for eb");
        assertTrue(peer.isUp());

        rtnl.setLinkUp(ea, true);
        assertNotNull(awaitLink(e -> ((Link) e[1]).index() == eb && ((Link) e[1]).hasCarrier(), 2_000_000_000L),
                "no carrier event for eb after ea came back up");
        assertEquals(0, resyncs);
    }

    @Test
    void renameAndDeleteOfAMacvlanAreReported() throws Exception {
        int ea = rtnl.link("ea").orElseThrow().index();
        Link m = rtnl.addMacvlan("vm1", ea, HexFormat.of().parseHex("00005e000101"), IfLink.MACVLAN_MODE_PRIVATE);
        assertNotNull(awaitLink(e -> ((Link) e[1]).index() == m.index() && !(Boolean) e[2], 2_000_000_000L));
        ns.ip("link", "set", "vm1", "name", "vm2");
        Link renamed = awaitLink(e -> ((Link) e[1]).index() == m.index() && "vm2".equals(((Link) e[1]).name()),
                2_000_000_000L);
        assertNotNull(renamed, "no rename event");
        rtnl.deleteLink(m.index());
        Link deleted = awaitLink(e -> ((Link) e[1]).index() == m.index() && (Boolean) e[2], 2_000_000_000L);
        assertNotNull(deleted, "no delete event");
        assertEquals("vm2", deleted.name());
    }

    @Test
    void addressAddAndDeleteAreReported() throws Exception {
        int eb = rtnl.link("eb").orElseThrow().index();
        Address a = Address.of(eb, java.net.InetAddress.getByName("fd00:251::1"), 64).withFlags(IfAddr.IFA_F_NODAD);
        // IPv6 announces a new address from deferred work, so an address deleted at once may
        // never be announced: wait for the addition before deleting.
        rtnl.addAddress(a);
        boolean added = awaitAddressEvent(a, false);
        rtnl.deleteAddress(a);
        boolean deleted = awaitAddressEvent(a, true);
        assertTrue(added && deleted, "address events seen: added=" + added + " deleted=" + deleted);
    }

    private boolean awaitAddressEvent(Address a, boolean deletion) throws Exception {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline) {
            Native.epollWait(epfd, ready, 4, 50);
            events.poll();
            for (Object[] e : seen) {
                if ("address".equals(e[0]) && ((Address) e[1]).address().equals(a.address())
                        && (Boolean) e[2] == deletion) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void anOverflowingEventSocketAsksForAResync() throws Exception {
        // a tiny receive buffer and a burst of 300 address changes: the kernel drops events (ENOBUFS)
        try (RtnlEvents small = inNs.call(() -> RtnlEvents.open(() -> resyncs++, 1,
                Rtnetlink.RTNLGRP_IPV4_IFADDR))) {
            Path batch = Files.createTempFile("kj-nl-burst", ".ip");
            try {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < 300; i++) {
                    b.append("addr add 10.249.").append(i / 200).append('.').append(i % 200 + 1)
                            .append("/32 dev lo\n");
                }
                Files.writeString(batch, b);
                ns.ip("-batch", batch.toString());
            } finally {
                Files.deleteIfExists(batch);
            }
            int got = small.poll();
            assertEquals(1, resyncs, "overflow must be signalled (got " + got + " events)");
            assertEquals(1, small.overflows());
            assertTrue(got < 300, "some events were dropped, " + got + " received");
            Cmd.run("ip", "-n", ns.name(), "addr", "flush", "dev", "lo", "to", "10.249.0.0/16");
        }
    }
}
