package keepalived.vrrp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import keepalived.config.net.IpAddress;
import keepalived.vrrp.state.InstanceConfig;
import keepalived.vrrp.state.TrackKind;
import org.junit.jupiter.api.Test;

class AddressVmacsTest {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    InstanceConfig ic() {
        try {
            java.nio.file.Path f = dir.resolve("k.conf");
            java.nio.file.Files.writeString(f, TEXT);
            var c = keepalived.config.ConfigLoader.load(f.toString(), keepalived.config.ConfigLoader.Options.defaults())
                    .config();
            return InstanceConfig.from(c.vrrpInstances().get(0), c.globalDefs());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final String TEXT = """
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                priority 100
                virtual_ipaddress {
                    10.9.0.100/24
                    10.8.0.100/24 dev eth1
                    10.7.0.100/24 dev eth2 use_vmac
                    10.9.0.101/24 dev eth0 use_vmac
                }
            }
            """;

    @Test
    void useVmacAddrTakesEveryOtherInterfaceAVipLineOnlyItsOwn() {
        assertEquals(List.of("eth1", "eth2"), AddressVmacs.devices(ic(), true));
        assertEquals(List.of("eth2"), AddressVmacs.devices(ic(), false));
    }

    @Test
    void namesCountUpAfterTheFirst() {
        assertEquals("ka.51", AddressVmacs.name("ka", 0, 51));
        assertEquals("ka1.51", AddressVmacs.name("ka", 1, 51));
    }

    @Test
    void addressesMoveOntoTheirVmacWhichIsTracked() {
        InstanceConfig moved = AddressVmacs.apply(ic(), Map.of("eth2", "vrrp.51"), false);
        assertEquals(java.util.Arrays.asList(null, "eth1", "vrrp.51", "eth0"),
                moved.vips().stream().map(IpAddress::dev).toList());
        InstanceConfig.Track t = moved.trackers().get(moved.trackers().size() - 1);
        assertEquals(new InstanceConfig.Track(TrackKind.INTERFACE, "vrrp.51", 0, false), t);
    }
}
