package keepalived.net;

import keepalived.testing.NsThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

import keepalived.sys.FileDescriptor;
import keepalived.sys.LinuxConstants;
import keepalived.sys.Native;
import keepalived.testing.Cmd;
import keepalived.testing.NetNs;
import keepalived.testing.Prerequisites;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The acceptance over a veth pair between two namespaces, one JVM with a thread in each:
 * VRRP multicast over raw IPv4 and IPv6 sockets (arrival interface, TTL/hop limit 255), and a
 * gratuitous ARP / unsolicited NA that rewrite the peer's neighbour entry.
 */
class TwoHostsTest {
    private static final long WAIT_NS = 5_000_000_000L;
    private static final int SUBNET = (int) (ProcessHandle.current().pid() % 250) + 1;
    private static final String A_V4 = "10.250." + SUBNET + ".1";
    private static final String B_V4 = "10.250." + SUBNET + ".2";
    private static final String VIP_V4 = "10.250." + SUBNET + ".100";
    private static final String VIP_V6 = "fd00:250:" + Integer.toHexString(SUBNET) + "::100";
    private static final String FAKE_MAC = "02:00:00:00:00:99";

    private static NetNs a;
    private static NetNs b;
    private static NsThread inA;
    private static NsThread inB;
    private static int ifA;
    private static int ifB;

    @BeforeAll
    static void twoHosts() throws Exception {
        Prerequisites.requireRoot();
        a = NetNs.create("sa");
        b = NetNs.create("sb");
        for (NetNs ns : new NetNs[] {a, b}) {
            // Link-local addresses must not sit in DAD (tentative) when we send from them.
            Cmd.run(null, 30, ns.exec("sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0")).check();
        }
        b.vethPair("x0", "x1"); // so vb's ifindex differs from va's and the arrival check means something
        a.ip("link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", b.name());
        a.ip("addr", "add", A_V4 + "/24", "dev", "va");
        b.ip("addr", "add", B_V4 + "/24", "dev", "vb");
        a.ip("link", "set", "va", "up");
        b.ip("link", "set", "vb", "up");
        inA = new NsThread(a.name());
        inB = new NsThread(b.name());
        ifA = inA.call(() -> Native.ifNameToIndex("va"));
        ifB = inB.call(() -> Native.ifNameToIndex("vb"));
        assertTrue(ifA != ifB, "ifindex " + ifA + " in both namespaces");
        awaitTrue("link-local addresses ready (no 'tentative')", () -> linkLocalReady(a, "va") && linkLocalReady(b, "vb"));
    }

    @AfterAll
    static void cleanUp() {
        for (NsThread t : new NsThread[] {inA, inB}) {
            if (t != null) {
                t.close();
            }
        }
        for (NetNs ns : new NetNs[] {a, b}) {
            if (ns != null) {
                ns.close();
            }
        }
    }

    @Test
    void vrrpOverIpv4MulticastArrivesWithInterfaceAndTtl255() throws Exception {
        InetAddress group = InetAddress.getByName("224.0.0.18");
        try (RawSocket tx = inA.call(() -> RawSocket.ipv4(IpConstants.IPPROTO_VRRP));
             RawSocket rx = inB.call(() -> RawSocket.ipv4(IpConstants.IPPROTO_VRRP))) {
            tx.multicastInterface(ifA);
            tx.multicastHops(255);
            tx.multicastLoop(false);
            rx.joinGroup(group, ifB);
            rx.receivePacketInfo();
            byte[] payload = "v4-advert".getBytes(StandardCharsets.US_ASCII);

            sendUntilReceived(tx, SockAddr.inet(group), payload, rx);

            ByteBuffer in = rx.buffer();
            int headerLength = (in.get(0) & 0xf) * 4; // raw IPv4 receives include the IP header
            assertEquals(255, in.get(8) & 0xff, "TTL in the IP header");
            assertEquals(ifB, rx.info().ifindex(), "arrival interface");
            assertEquals(255, rx.info().hopLimit(), "TTL from IP_RECVTTL");
            assertEquals(InetAddress.getByName(A_V4), rx.info().sourceAddress());
            assertEquals(group, rx.info().destinationAddress());
            assertEquals(payload.length, in.remaining() - headerLength);
        }
    }

    @Test
    void vrrpOverIpv6MulticastArrivesWithInterfaceAndHopLimit255() throws Exception {
        InetAddress group = InetAddress.getByName("ff02::12");
        try (RawSocket tx = inA.call(() -> RawSocket.ipv6(IpConstants.IPPROTO_VRRP));
             RawSocket rx = inB.call(() -> RawSocket.ipv6(IpConstants.IPPROTO_VRRP))) {
            tx.multicastInterface(ifA);
            tx.multicastHops(255);
            tx.multicastLoop(false);
            rx.joinGroup(group, ifB);
            rx.receivePacketInfo();
            byte[] payload = "v6-advert".getBytes(StandardCharsets.US_ASCII);

            sendUntilReceived(tx, SockAddr.inet(group, 0, ifA), payload, rx);

            assertEquals(ifB, rx.info().ifindex(), "arrival interface");
            assertEquals(255, rx.info().hopLimit(), "hop limit from IPV6_RECVHOPLIMIT");
            assertTrue(rx.info().sourceAddress().isLinkLocalAddress(), "source " + rx.info().sourceAddress());
            assertEquals(group, rx.info().destinationAddress());
            assertEquals(payload.length, rx.buffer().remaining(), "IPv6 raw receives start at the payload");
        }
    }

    @Test
    void vrrpv3OverIpv6WithKernelChecksumAndBoundDevice() throws Exception {
        InetAddress group = InetAddress.getByName("ff02::12");
        try (RawSocket tx = inA.call(() -> RawSocket.ipv6(IpConstants.IPPROTO_VRRP));
             RawSocket rx = inB.call(() -> RawSocket.ipv6(IpConstants.IPPROTO_VRRP))) {
            for (RawSocket s : new RawSocket[] {tx, rx}) {
                s.ipv6Checksum(6); // RFC 5798 §5.2.8: the kernel computes and verifies it, pseudo-header included
            }
            tx.multicastInterface(ifA);
            tx.multicastHops(255);
            rx.bindToDevice("vb");
            rx.joinGroup(group, ifB);
            rx.receivePacketInfo();
            // version 3, type 1, vrid 51, prio 150, count 0, rsvd+max_adver_int 100 cs, checksum 0 (kernel)
            byte[] advert = {0x31, 51, (byte) 150, 0, 0, 100, 0, 0};

            sendUntilReceived(tx, SockAddr.inet(group, 0, ifA), new byte[] {0x31, 51, (byte) 150, 0, 0, 100}, rx,
                    advert);

            ByteBuffer in = rx.buffer();
            assertEquals(8, in.remaining());
            assertTrue(in.getShort(6) != 0, "the kernel filled the checksum");
            assertEquals(255, rx.info().hopLimit());
        }
    }

    @Test
    void gratuitousArpRewritesThePeersNeighbourEntry() throws Exception {
        b.ip("neigh", "replace", VIP_V4, "lladdr", FAKE_MAC, "dev", "vb", "nud", "stale");
        try (PacketSocket tx = inA.call(PacketSocket::open)) {
            byte[] mac = tx.hardwareAddress("va");
            String expected = Interfaces.formatMac(mac);
            assertEquals(expected, macOf(a, "va"), "SIOCGIFHWADDR agrees with ip link");
            ByteBuffer frame = ByteBuffer.allocateDirect(ArpFrame.SIZE);
            ArpFrame.gratuitous(frame, mac, InetAddress.getByName(VIP_V4).getAddress());
            frame.flip();
            byte[] to = SockAddr.link(ifA, IpConstants.ETH_P_ARP, ArpFrame.BROADCAST);
            sendUntil(() -> assertEquals(ArpFrame.SIZE, tx.send(frame.duplicate(), to)),
                    () -> neighbour(b, VIP_V4, "vb").contains(expected),
                    () -> "neighbour entry of " + VIP_V4 + " in " + b.name() + " still: " + neighbour(b, VIP_V4, "vb"));
        }
    }

    @Test
    void unsolicitedNeighbourAdvertRewritesThePeersNeighbourEntry() throws Exception {
        b.ip("-6", "neigh", "replace", VIP_V6, "lladdr", FAKE_MAC, "dev", "vb", "nud", "stale");
        try (RawSocket tx = inA.call(RawSocket::icmpv6); FileDescriptor probe = inA.call(
                () -> new FileDescriptor(Native.socket(LinuxConstants.AF_INET, LinuxConstants.SOCK_DGRAM, 0)))) {
            tx.blockAllIcmp6Input();
            tx.multicastInterface(ifA);
            tx.multicastHops(255); // RFC 4861 §7.1.2: receivers drop NAs with any other hop limit
            byte[] mac = Interfaces.hardwareAddress(probe.intValue(), "va");
            String expected = Interfaces.formatMac(mac);
            ByteBuffer na = ByteBuffer.allocateDirect(NeighbourAdvert.SIZE);
            NeighbourAdvert.unsolicited(na, (Inet6Address) InetAddress.getByName(VIP_V6), mac, false);
            na.flip();
            byte[] to = SockAddr.inet(NeighbourAdvert.ALL_NODES, 0, ifA);
            sendUntil(() -> assertEquals(NeighbourAdvert.SIZE, tx.send(na.duplicate(), to)),
                    () -> neighbour(b, VIP_V6, "vb").contains(expected),
                    () -> "neighbour entry of " + VIP_V6 + " in " + b.name() + " still: " + neighbour(b, VIP_V6, "vb"));
        }
    }

    // ---- helpers

    interface Action {
        void run() throws Exception;
    }

    /** Sends (again every 100 ms: links may still be settling) until {@code done}, within 5 s. */
    private static void sendUntil(Action send, BooleanSupplier done, java.util.function.Supplier<String> why)
            throws Exception {
        long deadline = System.nanoTime() + WAIT_NS;
        do {
            send.run();
            for (int i = 0; i < 10; i++) {
                if (done.getAsBoolean()) {
                    return;
                }
                Thread.sleep(10);
            }
        } while (System.nanoTime() - deadline < 0);
        fail("not done within 5 s: " + why.get());
    }

    /** Sends {@code payload} until {@code rx} receives exactly it (other traffic is skipped). */
    private static void sendUntilReceived(RawSocket tx, byte[] to, byte[] payload, RawSocket rx) throws Exception {
        sendUntilReceived(tx, to, payload, rx, payload);
    }

    /** Sends {@code packet} until {@code rx} receives a datagram ending in {@code payload}'s bytes. */
    private static void sendUntilReceived(RawSocket tx, byte[] to, byte[] payload, RawSocket rx, byte[] packet)
            throws Exception {
        ByteBuffer out = ByteBuffer.allocateDirect(packet.length).put(packet);
        try (FileDescriptor ep = new FileDescriptor(Native.epollCreate())) {
            Native.epollCtl(ep.intValue(), LinuxConstants.EPOLL_CTL_ADD, rx.fd(), LinuxConstants.EPOLLIN, 0);
            ByteBuffer events = ByteBuffer.allocateDirect(LinuxConstants.EPOLL_EVENT_SIZE).order(ByteOrder.nativeOrder());
            long deadline = System.nanoTime() + WAIT_NS;
            while (System.nanoTime() - deadline < 0) {
                out.flip();
                assertEquals(packet.length, tx.send(out, to));
                if (Native.epollWait(ep.intValue(), events, 1, 100) > 0) {
                    while (rx.receive() >= 0) {
                        if (startsWith(rx.buffer(), payload) || endsWith(rx.buffer(), payload)) {
                            return;
                        }
                    }
                }
            }
        }
        fail("no multicast packet arrived within 5 s");
    }

    private static boolean startsWith(ByteBuffer buf, byte[] head) {
        if (buf.remaining() < head.length) {
            return false;
        }
        for (int i = 0; i < head.length; i++) {
            if (buf.get(buf.position() + i) != head[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsWith(ByteBuffer buf, byte[] tail) {
        int start = buf.limit() - tail.length;
        if (start < 0) {
            return false;
        }
        for (int i = 0; i < tail.length; i++) {
            if (buf.get(start + i) != tail[i]) {
                return false;
            }
        }
        return true;
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static boolean linkLocalReady(NetNs ns, String dev) {
        String out = ns.ip("-6", "addr", "show", "dev", dev, "scope", "link").stdout();
        return out.contains("inet6 fe80::") && !out.contains("tentative");
    }

    private static String neighbour(NetNs ns, String address, String dev) {
        return ns.ip("neigh", "show", address, "dev", dev).stdout().strip();
    }

    private static String macOf(NetNs ns, String dev) {
        String out = ns.ip("-o", "link", "show", dev).stdout();
        int i = out.indexOf("link/ether ");
        return out.substring(i + 11, i + 28);
    }
}
