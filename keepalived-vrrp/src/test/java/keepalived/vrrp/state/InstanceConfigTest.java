package keepalived.vrrp.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import keepalived.config.KeepalivedConfig;
import keepalived.config.vrrp.AuthType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceConfigTest {
    @TempDir
    Path dir;

    InstanceConfig one(String text) {
        KeepalivedConfig c = new Harness(dir).load(text);
        return InstanceConfig.from(c.vrrpInstances().get(0), c.globalDefs());
    }

    @Test
    void defaultsFromKeepalived() {
        InstanceConfig c = one("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
                + " virtual_ipaddress {\n  10.0.0.1/24\n }\n}\n");
        assertEquals("VI_1", c.name());
        assertEquals(51, c.vrid());
        assertEquals("eth0", c.interfaceName());
        assertEquals(2, c.version());
        assertFalse(c.ipv6());
        assertEquals(100, c.basePriority());
        assertEquals(1_000_000, c.advertIntUs());
        assertFalse(c.wantMaster());
        assertEquals(5_000_000, c.garpMasterDelayUs());
        assertEquals(5, c.garpMasterRepeat());
        assertEquals(5_000_000, c.garpLowerPrioDelayUs());
        assertEquals(5, c.garpLowerPrioRepeat());
        assertEquals(3, c.downTimerAdverts());
        assertTrue(c.accept());
        assertFalse(c.lowerPrioNoAdvert());
        assertEquals("224.0.0.18", c.mcastGroup().getHostAddress());
        assertNull(c.authPass());
        assertEquals(1, c.advertTemplate().count());
    }

    @Test
    void globalsAndInstanceOverrides() {
        InstanceConfig c = one("global_defs {\n vrrp_version 3\n vrrp_garp_master_repeat 2\n vrrp_garp_lower_prio_repeat 7\n"
                + " vrrp_lower_prio_no_advert\n}\n"
                + "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 9\n state MASTER\n advert_int 0.1\n"
                + " garp_master_delay 2\n nopreempt\n priority 200\n"
                + " virtual_ipaddress {\n  10.0.0.1/24\n  10.0.0.2/24\n }\n}\n");
        assertEquals(3, c.version());
        assertTrue(c.wantMaster());
        assertEquals(100_000, c.advertIntUs());
        assertEquals(2_000_000, c.garpMasterDelayUs());
        assertEquals(2, c.garpMasterRepeat());
        assertEquals(7, c.garpLowerPrioRepeat());
        assertTrue(c.lowerPrioNoAdvert());
        assertTrue(c.nopreempt());
        assertEquals(10, c.advertTemplate().rawInterval());
        assertEquals(2, c.advertTemplate().count());
    }

    @Test
    void ipv6IsAlwaysVersion3() {
        InstanceConfig c = one("vrrp_instance VI_6 {\n interface eth0\n virtual_router_id 6\n"
                + " virtual_ipaddress {\n  fe80::10/64\n  2001:db8::10/64\n }\n}\n");
        assertTrue(c.ipv6());
        assertEquals(3, c.version());
        assertEquals("ff02:0:0:0:0:0:0:12", c.mcastGroup().getHostAddress());
        assertEquals(32, c.advertTemplate().addresses().length);
    }

    @Test
    void passAuthentication() {
        InstanceConfig c = one("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n"
                + " authentication {\n  auth_type PASS\n  auth_pass 1111\n }\n"
                + " virtual_ipaddress {\n  10.0.0.1/24\n }\n}\n");
        assertEquals(AuthType.PASS, c.authType());
        assertEquals(1, c.advertTemplate().authType());
        assertEquals(4, c.advertTemplate().authPass().length);
    }
}
