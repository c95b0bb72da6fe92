package keepalived.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import keepalived.config.net.IpAddress;
import keepalived.netlink.Address;
import keepalived.netlink.IfAddr;
import keepalived.netlink.Rtnetlink;
import keepalived.vrrp.io.NotifyFifo;
import keepalived.vrrp.io.NotifyRunner;
import keepalived.vrrp.io.VipManager;
import org.junit.jupiter.api.Test;

/** The pure parts of the runtime: notify argv, FIFO lines, VIP lines as rtnetlink addresses. */
class RuntimePartsTest {
    @Test
    void genericNotifyGetsKeepalivedsFourExtraArguments() {
        assertEquals(List.of("/bin/n", "x", "INSTANCE", "VI_1", "MASTER", "100"),
                NotifyRunner.genericArgv(List.of("/bin/n", "x"), false, "VI_1", "MASTER", 100));
        assertEquals(List.of("/bin/n", "GROUP", "G", "BACKUP", "0"),
                NotifyRunner.genericArgv(List.of("/bin/n"), true, "G", "BACKUP", 0));
    }

    @Test
    void fifoLinesAreKeepalivedsFormat() {
        assertEquals("INSTANCE \"VI_1\" MASTER 100\n", NotifyFifo.line(false, "VI_1", "MASTER", 100));
        assertEquals("GROUP \"G\" FAULT 0\n", NotifyFifo.line(true, "G", "FAULT", 0));
    }

    @Test
    void vipLineBecomesTheAddressIpWouldAdd() throws Exception {
        IpAddress ip = new IpAddress(InetAddress.getByName("10.1.2.3"), 24, "+", null, "link", "eth0:1", null,
                Set.of(), null, null, false, false, null);
        Address a = VipManager.toAddress(ip, 7);
        assertEquals(7, a.ifindex());
        assertEquals(24, a.prefixLength());
        assertEquals("eth0:1", a.label());
        assertEquals(Rtnetlink.RT_SCOPE_LINK, a.scope());
        assertEquals(InetAddress.getByName("10.1.2.255"), a.broadcast());

        IpAddress minus = new IpAddress(InetAddress.getByName("10.1.2.3"), 24, "-", null, null, null, null,
                Set.of(), null, null, false, false, null);
        assertEquals(InetAddress.getByName("10.1.2.0"), VipManager.toAddress(minus, 7).broadcast());

        IpAddress host = new IpAddress(InetAddress.getByName("10.1.2.3"), 32, "+", null, null, null, null,
                Set.of(), null, null, false, false, null);
        assertNull(VipManager.toAddress(host, 7).broadcast());

        IpAddress v6 = new IpAddress(InetAddress.getByName("fd00::1"), 64, null, null, null, null, null,
                Set.of("-nodad", "noprefixroute"), 0L, null, false, false, null);
        Address a6 = VipManager.toAddress(v6, 3);
        assertEquals(IfAddr.IFA_F_NODAD | IfAddr.IFA_F_NOPREFIXROUTE, a6.flags());
        assertEquals(0L, a6.preferredLifetime());
    }
}
