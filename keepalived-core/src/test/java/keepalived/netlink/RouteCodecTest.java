package keepalived.netlink;

import static keepalived.netlink.Netlink.*;
import static keepalived.netlink.Rtnetlink.*;
import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class RouteCodecTest {

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static byte[] encode(Route r, int type, boolean delete) {
        return r.encode(new MessageBuilder().begin(type, NLM_F_REQUEST | NLM_F_ACK | (delete ? 0 : NLM_F_CREATE
                | NLM_F_EXCL)), delete).toByteArray();
    }

    @Test
    void unicastViaGatewayInSmallTableWithMetric() throws Exception {
        Route r = Route.to(ip("10.251.0.0"), 16).via(ip("10.250.0.1")).dev(3).table(100).metric(50)
                .protocol(RTPROT_KEEPALIVED).build();
        byte[] got = encode(r, RTM_NEWROUTE, false);
        Golden g = new Golden()
                // nlmsghdr: 16 + 12 + 8*4 = 60, RTM_NEWROUTE(24), REQUEST|ACK|EXCL|CREATE
                .u32(60).u16(24).u16(0x605).u32(0).u32(0)
                // rtmsg: AF_INET, dst_len 16, src_len 0, tos 0, table 100 (fits u8: no RTA_TABLE),
                //        protocol keepalived(18), scope universe(0, has a gateway), type unicast(1), flags 0
                .u8(2).u8(16).u8(0).u8(0).u8(100).u8(18).u8(0).u8(1).u32(0)
                .rta(8, RTA_DST).ip("10.251.0.0")
                .rta(8, RTA_PRIORITY).u32(50)
                .rta(8, RTA_GATEWAY).ip("10.250.0.1")
                .rta(8, RTA_OIF).u32(3);
        assertArrayEquals(g.bytes(), got, () -> Golden.dump(got));
        assertEquals(r, Route.decode(Message.wrap(got)));
    }

    @Test
    void largeTableGoesInRtaTableAndDeleteUsesScopeNowhere() throws Exception {
        Route r = Route.to(ip("fd00:1::"), 64).dev(2).table(1000).build();
        assertEquals(RT_SCOPE_LINK, r.scope(), "a direct unicast route is link scope");
        byte[] got = encode(r, RTM_DELROUTE, true);
        Golden g = new Golden()
                .u32(16 + 12 + 8 + 20 + 8).u16(25).u16(0x005).u32(0).u32(0)
                // rtmsg: AF_INET6(10), /64, table RT_TABLE_UNSPEC (id > 255), proto boot(3),
                //        scope NOWHERE(255) = any scope on delete, unicast
                .u8(10).u8(64).u8(0).u8(0).u8(0).u8(3).u8(255).u8(1).u32(0)
                .rta(8, RTA_TABLE).u32(1000)
                .rta(20, RTA_DST).ip("fd00:1::")
                .rta(8, RTA_OIF).u32(2);
        assertArrayEquals(g.bytes(), got, () -> Golden.dump(got));
        Route back = Route.decode(Message.wrap(got));
        assertEquals(1000, back.table());
        assertEquals(ip("fd00:1::"), back.destination());
    }

    @Test
    void blackholeRouteHasNoGatewayAndUniverseScope() throws Exception {
        Route r = Route.to(ip("10.252.0.0"), 24).type(RTN_BLACKHOLE).build();
        byte[] got = encode(r, RTM_NEWROUTE, false);
        Golden g = new Golden()
                .u32(16 + 12 + 8).u16(24).u16(0x605).u32(0).u32(0)
                // rtmsg: table main(254), proto boot(3), scope universe(0), type blackhole(6)
                .u8(2).u8(24).u8(0).u8(0).u8(254).u8(3).u8(0).u8(6).u32(0)
                .rta(8, RTA_DST).ip("10.252.0.0");
        assertArrayEquals(g.bytes(), got, () -> Golden.dump(got));
        assertEquals(RTN_BLACKHOLE, Route.decode(Message.wrap(got)).type());
    }

    @Test
    void multipathRouteNestsRtnexthopsWithGateways() throws Exception {
        Route r = Route.to(ip("10.253.0.0"), 16)
                .nexthop(Nexthop.via(ip("10.250.0.1"), 3, 1))
                .nexthop(Nexthop.via(ip("10.250.1.1"), 4, 3))
                .build();
        byte[] got = encode(r, RTM_NEWROUTE, false);
        Golden g = new Golden()
                // nlmsghdr: 16 + 12 + 8 (RTA_DST) + 4 + 2*16 (RTA_MULTIPATH) = 72
                .u32(72).u16(24).u16(0x605).u32(0).u32(0)
                .u8(2).u8(16).u8(0).u8(0).u8(254).u8(3).u8(0).u8(1).u32(0)
                .rta(8, RTA_DST).ip("10.253.0.0")
                // RTA_MULTIPATH(9): 4 + two rtnexthops
                .rta(36, RTA_MULTIPATH)
                //   rtnexthop: len 16 (8 + RTA_GATEWAY 8), flags 0, hops 0 (weight 1), ifindex 3
                .u16(16).u8(0).u8(0).u32(3)
                .rta(8, RTA_GATEWAY).ip("10.250.0.1")
                //   rtnexthop: len 16, flags 0, hops 2 (weight 3), ifindex 4
                .u16(16).u8(0).u8(2).u32(4)
                .rta(8, RTA_GATEWAY).ip("10.250.1.1");
        assertArrayEquals(g.bytes(), got, () -> Golden.dump(got));
        Route back = Route.decode(Message.wrap(got));
        assertEquals(r, back);
        assertEquals(3, back.nexthops().get(1).weight());
        assertEquals(RT_SCOPE_UNIVERSE, back.scope());
    }

    @Test
    void defaultRouteHasNoDestinationAttribute() throws Exception {
        Route r = Route.defaultRoute(Families.AF_INET).via(ip("10.250.0.1")).build();
        Route back = Route.decode(Message.wrap(encode(r, RTM_NEWROUTE, false)));
        assertNull(back.destination());
        assertEquals(0, back.destinationLength());
        assertEquals(ip("10.250.0.1"), back.gateway());
    }
}
