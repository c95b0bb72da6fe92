package keepalived.netlink;

import static keepalived.netlink.IfAddr.*;
import static keepalived.netlink.Netlink.*;
import static keepalived.netlink.Rtnetlink.RTM_NEWADDR;
import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressCodecTest {

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void ipv4AddressWithLabelBroadcastAndHighFlagsMatchesKernelLayout() throws Exception {
        Address a = Address.of(3, ip("10.250.0.100"), 24).withLabel("eth0:vip").withBroadcast(ip("10.250.0.255"))
                .withFlags(IFA_F_NODAD | IFA_F_NOPREFIXROUTE);
        byte[] got = a.encode(new MessageBuilder().begin(RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE
                | NLM_F_EXCL).seq(7)).toByteArray();

        Golden g = new Golden()
                // nlmsghdr: len, type RTM_NEWADDR(20), flags REQUEST|ACK|EXCL|CREATE = 0x605, seq 7, pid 0
                .u32(72).u16(20).u16(0x605).u32(7).u32(0)
                // ifaddrmsg: family AF_INET(2), prefixlen 24, flags (low byte of 0x202) = 0x02, scope 0, index 3
                .u8(2).u8(24).u8(0x02).u8(0).u32(3)
                // IFA_LOCAL(2): 4+4 bytes, 10.250.0.100 in network order
                .rta(8, IFA_LOCAL).ip("10.250.0.100")
                // IFA_ADDRESS(1): same address (no peer)
                .rta(8, IFA_ADDRESS).ip("10.250.0.100")
                // IFA_BROADCAST(4)
                .rta(8, IFA_BROADCAST).ip("10.250.0.255")
                // IFA_LABEL(3): "eth0:vip\0" = 9 bytes -> rta_len 13, padded to 16
                .rta(13, IFA_LABEL).str("eth0:vip").pad(3)
                // IFA_FLAGS(8): u32 0x202 (NODAD|NOPREFIXROUTE; 0x200 does not fit the u8 field)
                .rta(8, IFA_FLAGS).u32(0x202);
        assertEquals(72, g.size());
        assertArrayEquals(g.bytes(), got, () -> Golden.dump(got));

        Address back = Address.decode(Message.wrap(got));
        assertEquals(a, back);
    }

    @Test
    void ipv6AddressWithLifetimesCarriesCacheinfo() throws Exception {
        Address a = Address.of(5, ip("fd00::10"), 64).withLifetimes(300, 600).withFlags(IFA_F_NODAD);
        byte[] got = a.encode(new MessageBuilder().begin(RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK)).toByteArray();

        Golden g = new Golden()
                // nlmsghdr: 16 + 8 + 20 + 20 + 20 = 84
                .u32(84).u16(20).u16(0x005).u32(0).u32(0)
                // ifaddrmsg: AF_INET6(10), /64, flags NODAD(0x02) fits the u8, scope 0, index 5
                .u8(10).u8(64).u8(0x02).u8(0).u32(5)
                // IFA_LOCAL and IFA_ADDRESS: 4 + 16 bytes each
                .rta(20, IFA_LOCAL).ip("fd00::10")
                .rta(20, IFA_ADDRESS).ip("fd00::10")
                // IFA_CACHEINFO(6): struct ifa_cacheinfo {prefered 300, valid 600, cstamp 0, tstamp 0}
                .rta(20, IFA_CACHEINFO).u32(300).u32(600).u32(0).u32(0);
        assertArrayEquals(g.bytes(), got, () -> Golden.dump(got));
        Address back = Address.decode(Message.wrap(got));
        assertEquals(a, back);
        assertEquals(300, back.preferredLifetime());
        assertEquals(600, back.validLifetime());
    }

    @Test
    void decodesKernelStyleIpv6ReplyWithOnlyIfaAddress() throws Exception {
        byte[] reply = new Golden()
                .u32(16 + 8 + 20 + 8).u16(20).u16(0).u32(1).u32(1234)
                .u8(10).u8(128).u8(0x80).u8(254).u32(1)          // ::1/128 permanent, host scope, lo
                .rta(20, IFA_ADDRESS).ip("::1")
                .rta(8, IFA_FLAGS).u32(0x280)                     // PERMANENT|NOPREFIXROUTE
                .bytes();
        Address a = Address.decode(Message.wrap(reply));
        assertEquals(ip("::1"), a.address());
        assertNull(a.peer());
        assertEquals(128, a.prefixLength());
        assertEquals(254, a.scope());
        assertTrue(a.hasFlag(IFA_F_PERMANENT));
        assertTrue(a.hasFlag(IFA_F_NOPREFIXROUTE));
        assertEquals(IfAddr.INFINITY_LIFE_TIME, a.validLifetime());
    }

    @Test
    void rejectsPrefixLongerThanTheAddress() {
        assertThrows(IllegalArgumentException.class, () -> Address.of(1, ip("10.0.0.1"), 33));
    }
}
