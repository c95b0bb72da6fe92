package keepalived.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import keepalived.sys.Native;
import org.junit.jupiter.api.Test;

/** Packet info over loopback (no privileges needed): arrival ifindex, TTL/hop limit, source port. */
class UdpSocketTest {
    private static final int LO = 1;

    @Test
    void ipv4ReportsTtlInterfaceAndSender() throws Exception {
        roundTrip(UdpSocket.ipv4(), UdpSocket.ipv4(), InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void ipv6ReportsHopLimitInterfaceAndSender() throws Exception {
        roundTrip(UdpSocket.ipv6(), UdpSocket.ipv6(), InetAddress.getByName("::1"));
    }

    private static void roundTrip(UdpSocket rxSocket, UdpSocket txSocket, InetAddress loopback) throws Exception {
        try (UdpSocket rx = rxSocket; UdpSocket tx = txSocket) {
            rx.bind(SockAddr.inet(loopback, 0, 0));
            rx.receivePacketInfo();
            tx.bind(SockAddr.inet(loopback, 0, 0));
            tx.hops(77);
            int txPort = port(tx.localAddress());
            assertEquals(-1, rx.receive(), "nothing queued yet");

            ByteBuffer out = ByteBuffer.allocateDirect(3).put(new byte[] {1, 2, 3}).flip();
            assertEquals(3, tx.send(out, rx.localAddress()));

            assertEquals(3, receiveWithin(rx));
            assertEquals(3, rx.buffer().remaining());
            assertEquals(2, rx.buffer().get(1));
            ReceiveInfo info = rx.info();
            assertEquals(LO, info.ifindex());
            assertEquals(77, info.hopLimit());
            assertEquals(loopback, info.sourceAddress());
            assertEquals(loopback, info.destinationAddress());
            assertEquals(txPort, info.port());
            assertFalse(info.truncated());
        }
    }

    /** Loopback delivery is synchronous with sendto, but allow a few retries anyway. */
    private static int receiveWithin(UdpSocket rx) throws Exception {
        for (int i = 0; i < 100; i++) {
            int n = rx.receive();
            if (n >= 0) {
                return n;
            }
            Thread.sleep(10);
        }
        return -1;
    }

    private static int port(byte[] sockaddr) {
        return ByteBuffer.wrap(sockaddr).order(ByteOrder.BIG_ENDIAN).getShort(2) & 0xffff;
    }

    /** The per-packet path (sendto + recvmsg + control-message parse) must not feed the GC. */
    @Test
    void sendAndReceiveAllocateNothingPerPacket() throws Exception {
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (UdpSocket rx = UdpSocket.ipv4(); UdpSocket tx = UdpSocket.ipv4()) {
            rx.bind(SockAddr.inet(InetAddress.getByName("127.0.0.1"), 0, 0));
            rx.receivePacketInfo();
            byte[] to = rx.localAddress();
            ByteBuffer out = ByteBuffer.allocateDirect(40);
            int iterations = 20_000;
            long allocated = 0;
            for (int round = 0; round < 2; round++) { // the first round warms up (class loading, JIT)
                long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
                for (int i = 0; i < iterations; i++) {
                    out.clear();
                    tx.send(out, to);
                    rx.receive();
                }
                allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            }
            assertTrue(allocated < iterations, allocated + " bytes allocated over " + iterations + " packets");
        }
    }

    @Test
    void loopbackIsIfindexOne() throws Exception {
        assertEquals(LO, Native.ifNameToIndex("lo"));
    }
}
