package keepalived.config.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import keepalived.config.ConfigLoader;
import keepalived.config.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddressLinesTest {
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

    @Test
    void staticBlocks() throws Exception {
        Path f = dir.resolve("s.conf");
        Files.writeString(f, """
                static_ipaddress {
                  10.9.9.1/24 dev eth0 brd + scope link
                  10.9.9.2/24 dev nosuch0
                  fe80::1/64 dev eth0 scope link
                }
                static_routes {
                  10.8.0.0/16 via 10.9.9.254 dev eth0 metric 5
                  default via 10.9.9.254
                  10.7.0.0/16 foo bar
                }
                static_rules {
                  from 10.9.9.0/24 table 100
                  from 10.9.9.0/24 table 100 priority 100
                  to 1.2.3.4 bogus
                }
                """);
        var r = ConfigLoader.load(f.toString(), new ConfigLoader.Options("id", false, HOST));
        var root = r.config().root();
        assertTrue(StaticKeywords.isUsed(root));
        IpAddress a = root.get(StaticKeywords.STATIC_ADDRESSES).get(0);
        assertEquals("10.9.9.1/24", a.text());
        assertEquals("+", a.broadcast());
        assertEquals("link", a.scope());
        assertNull(root.get(StaticKeywords.STATIC_ADDRESSES).get(2).scope());
        Route rt = root.get(StaticKeywords.STATIC_ROUTES).get(0);
        assertEquals("10.8.0.0/16", rt.destination().toString());
        assertEquals("10.9.9.254", rt.via());
        assertEquals(5L, rt.metric());
        assertEquals(2, root.get(StaticKeywords.STATIC_ROUTES).size());
        assertEquals(16384L, root.get(StaticKeywords.STATIC_RULES).get(0).preference());
        assertEquals(100L, root.get(StaticKeywords.STATIC_RULES).get(1).preference());
        var lines = new java.util.TreeSet<Integer>();
        r.problems().all().forEach(p -> lines.add(p.origin() == null ? 0 : p.origin().line()));
        assertEquals(java.util.Set.of(0, 3, 4, 8, 9, 12, 14), lines);
        assertTrue(r.problems().all().stream().anyMatch(p -> p.format().contains(
                "WARNING - interface nosuch0 for ip address 10.9.9.2/24 doesn't exist")));
    }

    @Test
    void ipv6Format() {
        assertEquals("fe80::1", IpPrefix.format(IpPrefix.literal("fe80:0:0:0:0:0:0:1")));
        assertNull(IpPrefix.literal("10.0.0.x"));
        assertNull(IpPrefix.literal("example.com"));
    }
}
