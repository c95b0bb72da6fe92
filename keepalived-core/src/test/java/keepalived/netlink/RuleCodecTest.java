package keepalived.netlink;

import static keepalived.netlink.FibRules.*;
import static keepalived.netlink.Netlink.*;
import static keepalived.netlink.Rtnetlink.RTM_NEWRULE;
import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class RuleCodecTest {

    @Test
    void ruleWithEverySelectorMatchesKernelLayout() throws Exception {
        Rule r = Rule.builder(Families.AF_INET).priority(100).table(1000)
                .from(InetAddress.getByName("10.250.0.0"), 24).to(InetAddress.getByName("10.251.0.0"), 16)
                .iif("eth0").oif("eth1").fwmark(0x42).fwmask(0xff).build();
        byte[] got = r.encode(new MessageBuilder().begin(RTM_NEWRULE, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE
                | NLM_F_EXCL)).toByteArray();
        Golden g = new Golden()
                // nlmsghdr: 16 + 12 + 8*4 + 12*2 + 8*2 = 100, RTM_NEWRULE(32)
                .u32(100).u16(32).u16(0x605).u32(0).u32(0)
                // fib_rule_hdr: AF_INET, dst_len 16, src_len 24, tos 0, table 0 (id > 255),
                //               res1, res2, action FR_ACT_TO_TBL(1), flags 0
                .u8(2).u8(16).u8(24).u8(0).u8(0).u8(0).u8(0).u8(1).u32(0)
                .rta(8, FRA_TABLE).u32(1000)
                .rta(8, FRA_PRIORITY).u32(100)
                .rta(8, FRA_SRC).ip("10.250.0.0")
                .rta(8, FRA_DST).ip("10.251.0.0")
                .rta(9, FRA_IIFNAME).str("eth0").pad(3)
                .rta(9, FRA_OIFNAME).str("eth1").pad(3)
                .rta(8, FRA_FWMARK).u32(0x42)
                .rta(8, FRA_FWMASK).u32(0xff);
        assertArrayEquals(g.bytes(), got, () -> Golden.dump(got));
        assertEquals(r, Rule.decode(Message.wrap(got)));
    }

    @Test
    void smallTableStaysInTheHeaderAndUnsetSelectorsAreAbsent() throws Exception {
        Rule r = Rule.builder(Families.AF_INET6).table(100).build();
        byte[] got = r.encode(new MessageBuilder().begin(RTM_NEWRULE, NLM_F_REQUEST)).toByteArray();
        Golden g = new Golden()
                .u32(28).u16(32).u16(0x001).u32(0).u32(0)
                .u8(10).u8(0).u8(0).u8(0).u8(100).u8(0).u8(0).u8(1).u32(0);
        assertArrayEquals(g.bytes(), got, () -> Golden.dump(got));
        Rule back = Rule.decode(Message.wrap(got));
        assertEquals(100, back.table());
        assertEquals(-1, back.priority());
        assertEquals(-1, back.fwmark());
        assertNull(back.from());
    }
}
