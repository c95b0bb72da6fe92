package keepalived.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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

    @Test
    void loopbackIsIfindexOne() throws Exception {
        assertEquals(LO, Native.ifNameToIndex("lo"));
    }
}
