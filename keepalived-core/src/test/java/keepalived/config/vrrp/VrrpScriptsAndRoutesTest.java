package keepalived.config.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import keepalived.config.Block;
import keepalived.config.ConfigLoader;
import keepalived.config.Origin;
import keepalived.config.Problems;
import keepalived.config.global.ScriptCheck;
import keepalived.config.global.ShellWords;
import keepalived.config.net.RtTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Script vetting, script-line quoting, nameless blocks, SYNC-group weights and route checks. */
class VrrpScriptsAndRoutesTest {
    @TempDir
    Path dir;

    ConfigLoader.Result load(String text) throws Exception {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, text);
        return ConfigLoader.load(f.toString(), new ConfigLoader.Options("id", false, VrrpKeywordsTest.HOST));
    }

    private static final String VI = """
            vrrp_instance VI_1 {
              interface eth0
              virtual_router_id 51
              virtual_ipaddress {
                10.0.0.1
              }
              %s
            }
            """;

    @Test
    void missingScriptsAreDroppedAndNotCounted() throws Exception {
        var r = load("vrrp_script chk {\n  script \"/nonexistent/chk\"\n}\n"
                + VI.formatted("notify_master \"/nonexistent/x arg\""));
        assertTrue(VrrpKeywordsTest.has(r, "Disabling track script chk since not found/accessible"));
        assertFalse(VrrpKeywordsTest.has(r, "SECURITY VIOLATION"));
        assertEquals(5, r.problems().exitCode());
    }

    @Test
    void existingScriptWithoutSecurityIsAViolation() throws Exception {
        var r = load(VI.formatted("notify_master \"/bin/true arg\""));
        assertTrue(VrrpKeywordsTest.has(r, "SECURITY VIOLATION - scripts are being executed but script_security not enabled."));
        assertEquals(6, r.problems().exitCode());
    }

    @Test
    void worldWritableScriptIsInsecure() throws Exception {
        Path s = dir.resolve("w.sh");
        Files.writeString(s, "#!/bin/sh\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxrwxrwx"));
        Block g = new Block.Builder("global_defs", List.of(), new Origin("", 0)).build();
        assertEquals(ScriptCheck.Status.INSECURE, ScriptCheck.check(s.toString(), "root", null, g));
        assertEquals(ScriptCheck.Status.NOT_FOUND, ScriptCheck.check(dir.resolve("none").toString(), "root", null, g));
        assertEquals(ScriptCheck.Status.UNCHECKED, ScriptCheck.check("</dev/tcp/127.0.0.1/80", null, null, g));
        var r = load(VI.formatted("notify_master \"" + s + "\""));
        assertTrue(VrrpKeywordsTest.has(r, "not enabled. There are insecure scripts."));
    }

    @Test
    void unterminatedQuoteInScriptLineIsReportedNotFatal() throws Exception {
        var r = load(VI.formatted("notify_master \"/bin/echo"));
        assertTrue(VrrpKeywordsTest.has(r, "Line 7) String 'notify_master \"/bin/echo': missing terminating \""));
        assertFalse(r.problems().aborted());
        assertFalse(VrrpKeywordsTest.has(r, "SECURITY VIOLATION"));
        Problems p = new Problems();
        assertNull(ShellWords.splitChecked("/bin/true 'x", null, p));
        assertEquals(List.of(""), ShellWords.splitChecked("\"", null, p));
    }

    @Test
    void namelessInstanceIsSkipped() throws Exception {
        var r = load("vrrp_instance {\n  interface eth0\n}\n");
        assertTrue(VrrpKeywordsTest.has(r, "Line 1) vrrp_instance must have a name"));
        assertFalse(VrrpKeywordsTest.has(r, "(null)"));
        var g = load("vrrp_sync_group {\n}\n");
        assertTrue(VrrpKeywordsTest.has(g, "Line 1) vrrp_sync_group must have a name - skipping"));
    }

    @Test
    void weightedTrackersOfSyncGroupMembers() throws Exception {
        var r = load("""
                track_file tf { file /tmp/x
                weight 3 }
                vrrp_instance VI_1 {
                  interface eth0
                  virtual_router_id 51
                  virtual_ipaddress {
                    10.0.0.1
                  }
                  track_interface {
                    eth1 weight 2
                  }
                  track_file {
                    tf
                  }
                }
                vrrp_instance VI_2 {
                  interface eth0
                  virtual_router_id 52
                  virtual_ipaddress {
                    10.0.0.2
                  }
                }
                vrrp_sync_group G {
                  group {
                    VI_1
                    VI_2
                  }
                }
                """);
        assertTrue(VrrpKeywordsTest.has(r, "(VI_1) ignoring eth1 tracked interface weight due to SYNC group"));
        assertTrue(VrrpKeywordsTest.has(r, "(VI_1) ignoring tracked file tf with weight 3 due to SYNC group"));
    }

    @Test
    void ipv6FirstVipNeedNotBeLinkLocalUnlessStrict() throws Exception {
        String v6 = VI.replace("10.0.0.1", "2001:db8::1/64");
        assertFalse(VrrpKeywordsTest.has(load(v6.formatted("")), "link local"));
        assertTrue(VrrpKeywordsTest.has(load(v6.formatted("strict_mode on")),
                "(VI_1) the first IPv6 VIP address must be link local"));
    }

    @Test
    void routeChecks() throws Exception {
        var r = load(VI.formatted("""
                virtual_routes {
                    192.168.112.0/24 via 192.168.100.254
                    192.168.113.0/24 via 192.168.100.252 or 192.168.100.253
                    0.0.0.0/0 gw 192.168.0.1 table 100
                    10.1.0.0/16 via 192.168.1.1 dev eth0
                    10.2.0.0/16 via 192.168.1.1 no_track
                    10.3.0.0/16 dev eth0 table bogus_table_name
                    10.4.0.0/16 via 300.1.1.1 dev eth0
                    bogus_word
                  }"""));
        assertTrue(VrrpKeywordsTest.has(r, "Line 8) Warning - cannot track route 192.168.112.0/24 with no interface specified, not tracking"));
        assertTrue(VrrpKeywordsTest.has(r, "Line 9) \"or\" for routes is deprecated. Please use \"nexthop\""));
        assertTrue(VrrpKeywordsTest.has(r, "Line 10) \"gw\" for routes is deprecated. Please use \"via\""));
        assertTrue(VrrpKeywordsTest.has(r, "Line 10) Warning - cannot track route 0.0.0.0/0"));
        assertTrue(VrrpKeywordsTest.has(r, "Line 13) Routing table bogus_table_name not found for route"));
        assertTrue(VrrpKeywordsTest.has(r, "Line 14) VRRP parsed invalid IP 300.1.1.1. skipping IP..."));
        assertTrue(VrrpKeywordsTest.has(r, "Line 15) unknown route keyword bogus_word"));
        assertEquals(Set.of(8, 9, 10, 13, 14, 15), VrrpKeywordsTest.lines(r));
        assertEquals(254L, RtTables.resolve("main"));
        assertEquals(16L, RtTables.resolve("0x10"));
        assertNull(RtTables.resolve("1.5"));
    }

    @Test
    void rulePreferenceAndTable() throws Exception {
        var r = load("""
                static_rules {
                  from 192.168.2.0/24 table 100 priority abc
                  from 192.168.2.0/24 table bogus_t priority 5
                }
                """);
        assertTrue(VrrpKeywordsTest.has(r, "Line 2) invalid number 'abc'"));
        assertTrue(VrrpKeywordsTest.has(r, "Line 2) Invalid rule preference priority specified"));
        assertTrue(VrrpKeywordsTest.has(r, "Line 3) Routing table bogus_t not found for rule"));
    }
}
