package keepalived.vrrp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import keepalived.config.ConfigLoader;
import keepalived.config.KeepalivedConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** garp_group intervals override the global vrrp_garp_interval / vrrp_gna_interval for their interfaces. */
class GarpPacingTest {
    @TempDir
    Path dir;

    private KeepalivedConfig load(String text) throws Exception {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, text);
        return ConfigLoader.load(f.toString(), ConfigLoader.Options.defaults()).config();
    }

    @Test
    void groupOverridesGlobalsForItsInterfaces() throws Exception {
        GarpPacing p = GarpPacing.from(load("""
                global_defs {
                    vrrp_garp_interval 0.01
                    vrrp_gna_interval 0.02
                }
                garp_group {
                    garp_interval 0.3
                    gna_interval 0.4
                    interfaces {
                        eth1
                        eth2
                    }
                }
                garp_group {
                    garp_interval 1.5
                    interface eth3
                }
                """));
        assertEquals(10_000_000L, p.garpIntervalNs("eth0"));
        assertEquals(20_000_000L, p.gnaIntervalNs("eth0"));
        assertEquals(300_000_000L, p.garpIntervalNs("eth1"));
        assertEquals(400_000_000L, p.gnaIntervalNs("eth2"));
        assertEquals(1_500_000_000L, p.intervalNs("eth3", false));
        assertEquals(0L, p.intervalNs("eth3", true), "the group replaces the interface's delays");
        assertEquals(400_000_000L, p.intervalNs("eth1", true));
        assertEquals(20_000_000L, p.intervalNs("eth9", true));
    }

    @Test
    void noGroupsNoGlobalsMeansNoSpacing() throws Exception {
        GarpPacing p = GarpPacing.from(load("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n}\n"));
        assertEquals(0L, p.garpIntervalNs("eth0"));
        assertEquals(0L, p.gnaIntervalNs("eth0"));
    }
}
