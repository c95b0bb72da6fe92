package keepalived.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** Golden bytes for the structs and frames this package builds (x86_64, little-endian host). */
class EncodingTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] MAC = HEX.parseHex("02aabbccddee");

    @Test
    void sockaddrInHasHostOrderFamilyAndNetworkOrderPortAndAddress() throws Exception {
        assertEquals("0200" + "1f90" + "0afa0001" + "0000000000000000",
                HEX.formatHex(SockAddr.inet(InetAddress.getByName("10.250.0.1"), 8080, 0)));
    }

    @Test
    void sockaddrIn6CarriesTheScopeForLinkLocal() throws Exception {
        assertEquals("0a00" + "0000" + "00000000" + "ff020000000000000000000000000012" + "07000000",
                HEX.formatHex(SockAddr.inet(InetAddress.getByName("ff02::12"), 0, 7)));
    }

    @Test
    void sockaddrLlHasBigEndianProtocol() {
        assertEquals("1100" + "0806" + "05000000" + "0100" + "00" + "06" + "02aabbccddee0000",
                HEX.formatHex(SockAddr.link(5, IpConstants.ETH_P_ARP, MAC)));
    }

    @Test
    void ipMreqnAndIpv6MreqCarryTheIfindexInHostOrder() throws Exception {
        assertEquals("e0000012" + "00000000" + "03000000",
                HEX.formatHex(RawSocket.ipMreqn((Inet4Address) InetAddress.getByName("224.0.0.18"), 3)));
        assertEquals("ff020000000000000000000000000012" + "03000000",
                HEX.formatHex(RawSocket.ipv6Mreq((Inet6Address) InetAddress.getByName("ff02::12"), 3)));
    }

    @Test
    void gratuitousArpIsABroadcastRequestForOurOwnAddress() throws Exception {
        ByteBuffer out = ByteBuffer.allocate(64);
        out.position(2);
        ArpFrame.gratuitous(out, MAC, InetAddress.getByName("10.250.0.100").getAddress());
        assertEquals(2 + ArpFrame.SIZE, out.position());
        byte[] frame = new byte[ArpFrame.SIZE];
        out.get(2, frame);
        String expected = "ffffffffffff" + "02aabbccddee" + "0806" // Ethernet
                + "0001" + "0800" + "06" + "04" + "0001" // htype, ptype, hlen, plen, request
                + "02aabbccddee" + "0afa0064" // sender
                + "ffffffffffff" + "0afa0064"; // target: as keepalived 2.2.7 sends it (captured)
        assertEquals(expected, HEX.formatHex(frame));
    }

    @Test
    void unsolicitedNeighbourAdvertSetsOverrideAndCarriesOurMac() throws Exception {
        ByteBuffer out = ByteBuffer.allocate(NeighbourAdvert.SIZE);
        NeighbourAdvert.unsolicited(out, (Inet6Address) InetAddress.getByName("fd00::100"), MAC, true);
        assertEquals(NeighbourAdvert.SIZE, out.position());
        assertEquals("88" + "00" + "0000" + "a0000000" + "fd000000000000000000000000000100" + "02" + "01"
                + "02aabbccddee", HEX.formatHex(out.array()));
    }

    @Test
    void macFormatsLikeIproute2() {
        assertEquals("02:aa:bb:cc:dd:ee", Interfaces.formatMac(MAC));
    }
}
