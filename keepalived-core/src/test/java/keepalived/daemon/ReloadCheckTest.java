package keepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import keepalived.config.ConfigLoader;
import keepalived.config.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadCheckTest {
    @TempDir
    Path dir;

    static final Host HOST = new Host() {
        @Override
        public boolean interfaceExists(String name) {
            return name.equals("eth0");
        }

        @Override
        public boolean isLoopback(String name) {
            return false;
        }
    };

    private ConfigLoader.Result load(String text) throws Exception {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, text);
        return ConfigLoader.load(f.toString(), new ConfigLoader.Options("node", false, HOST));
    }

    private static final String GOOD = """
            vrrp_instance VI_1 {
              interface eth0
              virtual_router_id 51
              priority 100
              virtual_ipaddress {
                10.9.0.1/24
              }
            }
            """;

    @Test
    void aCleanConfigPasses() throws Exception {
        assertEquals(List.of(), ReloadCheck.newErrors(load(GOOD).problems(), Set.of()));
    }

    @Test
    void aNewSyntaxErrorBlocksWithItsLine() throws Exception {
        List<String> fresh = ReloadCheck.newErrors(load(GOOD + "bogus_keyword 1\n").problems(), Set.of());
        assertEquals(1, fresh.size(), fresh.toString());
        assertTrue(fresh.get(0).contains("Line 9") && fresh.get(0).contains("bogus_keyword"), fresh.get(0));
    }

    @Test
    void anErrorTheRunningConfigAlreadyHadDoesNotBlock() throws Exception {
        ConfigLoader.Result running = load(GOOD + "bogus_keyword 1\n");
        Set<String> accepted = ReloadCheck.errors(running.problems());
        assertEquals(List.of(), ReloadCheck.newErrors(load(GOOD + "bogus_keyword 1\n").problems(), accepted));
    }

    @Test
    void warningsDoNotBlock() throws Exception {
        // an instance on a missing interface: keepalived warns and runs without it
        ConfigLoader.Result r = load(GOOD.replace("eth0", "nosuch0"));
        assertTrue(r.problems().exitCode() != 0, "the config test does complain");
        assertEquals(List.of(), ReloadCheck.newErrors(r.problems(), Set.of()));
    }

    @Test
    void anAbandonedParseBlocks() throws Exception {
        List<String> fresh = ReloadCheck.newErrors(load("vrrp_instance VI_1 {\n  interface\n}\n").problems(), Set.of());
        assertTrue(!fresh.isEmpty());
    }
}
