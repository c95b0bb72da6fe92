package keepalived.config.bfd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import keepalived.config.Block;
import keepalived.config.ConfigLoader;
import keepalived.config.ConfigProblem;
import keepalived.config.Host;
import keepalived.config.KeywordNotice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BfdKeywordsTest {
    @TempDir
    Path dir;

    ConfigLoader.Result load(String text) throws Exception {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, text);
        Host h = new Host() {
            @Override
            public boolean interfaceExists(String name) {
                return true;
            }

            @Override
            public boolean isLoopback(String name) {
                return false;
            }
        };
        return ConfigLoader.load(f.toString(), new ConfigLoader.Options("id", false, h));
    }

    static Set<Integer> lines(ConfigLoader.Result r) {
        Set<Integer> s = new TreeSet<>();
        for (ConfigProblem p : r.problems().all()) {
            // keepalived's lines only: the subsystem's "not implemented yet" notice is ours
            if (p.origin() != null && !KeywordNotice.isNotice(p.message())) {
                s.add(p.origin().line());
            }
        }
        return s;
    }

    @Test
    void parsesInstance() throws Exception {
        ConfigLoader.Result r = load("""
                bfd_instance B {
                  neighbour_ip 10.0.0.2
                  min_rx 25.5
                  multiplier 3
                  weight -10 reverse
                  passive
                }
                """);
        Block b = r.config().bfdInstances().get(0);
        assertEquals("10.0.0.2", b.get(BfdKeywords.NEIGHBOR_IP).getHostAddress());
        assertEquals(25_500L, b.get(BfdKeywords.MIN_RX));
        assertEquals(10_000L, b.get(BfdKeywords.MIN_TX));
        assertEquals(3, b.get(BfdKeywords.MULTIPLIER));
        assertEquals(new BfdKeywords.Weight(-10, true), b.get(BfdKeywords.WEIGHT));
        assertEquals(0, r.problems().exitCode());
    }

    @Test
    void reportsLikeKeepalived() throws Exception {
        ConfigLoader.Result r = load("""
                bfd_instance B {
                  neighbor_ip 1.1.1.1
                  min_rx 0.5
                  ttl 0
                }
                bfd_instance C {
                  neighbor_ip 1.1.1.1
                }
                bfd_instance D {
                }
                """);
        assertEquals(Set.of(3, 4, 8, 10), lines(r));
        assertEquals(5, r.problems().exitCode());
    }
}
