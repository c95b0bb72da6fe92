package keepalived.config.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import keepalived.config.ConfigLoader;
import keepalived.config.vrrp.VrrpInstanceKeywords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** track_group on rule lines, as keepalived 2.2.7 -t reports it (checked against it). */
class RuleTrackGroupTest {
    @TempDir
    Path dir;

    @Test
    void staticRuleNeedsAnInputInterfaceAndVirtualRulesHaveNoTrackGroup() throws Exception {
        Path f = dir.resolve("r.conf");
        Files.writeString(f, """
                track_group G {
                  group {
                    VI_1
                  }
                }
                static_rules {
                  from 10.50.0.0/24 table 100 priority 200 dev eth0 track_group G
                  from 10.51.0.0/24 table 100 priority 201 track_group G
                  from 10.52.0.0/24 table 100 priority 202 iif eth0 track_group G
                }
                vrrp_instance VI_1 {
                  interface eth0
                  virtual_router_id 51
                  priority 100
                  virtual_ipaddress {
                    10.9.0.100/24
                  }
                  virtual_rules {
                    from 10.53.0.0/24 table 100 priority 203 iif eth0 track_group G
                  }
                }
                """);
        var r = ConfigLoader.load(f.toString(), new ConfigLoader.Options("id", false, AddressLinesTest.HOST));
        List<Rule> rules = r.config().root().get(StaticKeywords.STATIC_RULES);
        assertEquals(3, rules.size());
        assertEquals("G", rules.get(0).trackGroup());
        assertEquals("eth0", Rule.iif(rules.get(0).options()));
        assertNull(rules.get(1).trackGroup());
        assertEquals("G", rules.get(2).trackGroup());
        assertTrue(r.config().vrrpInstances().get(0).get(VrrpInstanceKeywords.VIRTUAL_RULES).isEmpty());
        Set<Integer> lines = new TreeSet<>();
        r.problems().all().forEach(p -> lines.add(p.origin() == null ? 0 : p.origin().line()));
        assertEquals(Set.of(8, 19), lines);
        assertTrue(r.problems().all().stream().anyMatch(p -> p.format().contains(
                "Static rule cannot have track_group if dev/iif not specified")));
        assertTrue(r.problems().all().stream().anyMatch(p -> p.format().contains("Unknown rule option track_group")));
    }
}
