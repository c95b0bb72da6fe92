package keepalived.config.vrrp;

import keepalived.config.global.ShellWords;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import keepalived.config.Block;
import keepalived.config.ConfigLoader;
import keepalived.config.ConfigProblem;
import keepalived.config.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VrrpKeywordsTest {
    @TempDir
    Path dir;

    static final Host HOST = new Host() {
        @Override
        public boolean interfaceExists(String name) {
            return Set.of("eth0", "eth1", "lo").contains(name);
        }

        @Override
        public boolean isLoopback(String name) {
            return name.equals("lo");
        }
    };

    ConfigLoader.Result load(String text) throws Exception {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, text);
        return ConfigLoader.load(f.toString(), new ConfigLoader.Options("id", false, HOST));
    }

    static Set<Integer> lines(ConfigLoader.Result r) {
        Set<Integer> s = new TreeSet<>();
        for (ConfigProblem p : r.problems().all()) {
            s.add(p.origin() == null ? 0 : p.origin().line());
        }
        return s;
    }

    static boolean has(ConfigLoader.Result r, String text) {
        return r.problems().all().stream().anyMatch(p -> p.format().contains(text));
    }

    /** no_virtual_ipaddress (2.4): an instance without VIPs on purpose, without the warning. */
    @Test
    void noVirtualIpaddressSilencesTheNoVipWarning() throws Exception {
        String inst = "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n%s}\n";
        assertTrue(has(load(inst.formatted("")), "(VI_1) No VIP specified; at least one is sensible"));
        var r = load(inst.formatted("  no_virtual_ipaddress\n"));
        assertTrue(r.problems().all().isEmpty(), () -> r.problems().all().toString());
    }

    @Test
    void parsesTypedInstance() throws Exception {
        var r = load("""
                vrrp_instance VI_1 {
                  state MASTER
                  interface eth0
                  virtual_router_id 51
                  priority 150
                  advert_int 2
                  authentication {
                    auth_type PASS
                    auth_pass secret
                  }
                  virtual_ipaddress {
                    10.0.0.10/24 dev eth0 label eth0:1
                  }
                  unicast_peer {
                    10.0.0.2 min_ttl 3
                  }
                  notify_master "/bin/echo 'a b' \\"c d\\" e\\x41" root
                  preempt_delay 1.5
                }
                """);
        Block vi = r.config().vrrpInstances().get(0);
        assertEquals(VrrpState.MASTER, vi.get(VrrpInstanceKeywords.STATE));
        assertEquals(51, vi.get(VrrpInstanceKeywords.VIRTUAL_ROUTER_ID));
        assertEquals(150, vi.get(VrrpInstanceKeywords.PRIORITY));
        assertEquals(2_000_000L, vi.get(VrrpInstanceKeywords.ADVERT_INT));
        assertEquals(1_500_000L, vi.get(VrrpInstanceKeywords.PREEMPT_DELAY));
        assertEquals(AuthType.PASS, vi.get(VrrpInstanceKeywords.AUTH_TYPE));
        assertEquals("10.0.0.10/24", vi.get(VrrpInstanceKeywords.VIRTUAL_IPADDRESS).get(0).text());
        assertEquals("eth0:1", vi.get(VrrpInstanceKeywords.VIRTUAL_IPADDRESS).get(0).label());
        assertEquals(3, vi.get(VrrpInstanceKeywords.UNICAST_PEERS).get(0).minTtl());
        NotifyScript n = vi.get(VrrpInstanceKeywords.NOTIFY_MASTER);
        assertEquals(List.of("/bin/echo", "a b", "c d", "eA"), n.argv());
        assertEquals("root", n.user());
        assertEquals(6, r.problems().exitCode(), "notify script without script security");
    }

    @Test
    void keepalivedMessagesAndLines() throws Exception {
        var r = load("""
                vrrp_instance VI_1 {
                  interface lo
                  state FOO
                  virtual_router_id 300
                  priority abc
                  advert_int 0
                  preempt_delay 2000
                  virtual_ipaddress {
                    10.0.0.1/33
                    10.0.0.x
                    10.0.0.2 dev
                    10.0.0.3 foo
                  }
                  track_script {
                    nosuch
                  }
                }
                """);
        assertTrue(has(r, "(VI_1) cannot use a loopback interface (lo) for vrrp - ignoring"));
        assertTrue(has(r, "(VI_1) unknown state 'FOO', defaulting to BACKUP"));
        assertTrue(has(r, "(VI_1): VRID '300' not valid - must be between 1 & 255"));
        assertTrue(has(r, "invalid number 'abc'"));
        assertTrue(has(r, "(VI_1) Priority not valid! must be between 1 & 255. Using default 100"));
        assertTrue(has(r, "number '0' outside range [0.010000, 255.000000]"));
        assertTrue(has(r, "number '2000' outside range [0.000000, 1000.000000]"));
        assertTrue(has(r, "Invalid address prefix len 33 for address 10.0.0.1/33 - using 32"));
        assertTrue(has(r, "VRRP parsed invalid IP 10.0.0.x. skipping IP..."));
        assertTrue(has(r, "No dev parameter specified for 10.0.0.2"));
        assertTrue(has(r, "Unknown configuration entry 'foo' for ip address - ignoring"));
        assertTrue(has(r, "(VI_1) track script nosuch not found, ignoring..."));
        assertTrue(has(r, "(VI_1) the virtual router id must be set"));
        assertEquals(Set.of(0, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 15), lines(r));
        assertEquals(5, r.problems().exitCode());
    }

    @Test
    void missingPriorityValueAborts() throws Exception {
        var r = load("vrrp_instance VI_1 {\n interface eth0\n priority\n}\n");
        assertEquals(2, r.problems().exitCode());
    }

    @Test
    void missingInterfaceIsBadInterface() throws Exception {
        var r = load("""
                vrrp_instance VI_1 {
                  interface nosuchif0
                  virtual_router_id 1
                  virtual_ipaddress {
                    10.1.1.1
                  }
                }
                """);
        assertTrue(has(r, "(k.conf: Line 2) WARNING - interface nosuchif0 for vrrp_instance VI_1 doesn't exist")
                || has(r, "Line 2) WARNING - interface nosuchif0 for vrrp_instance VI_1 doesn't exist"));
        assertTrue(has(r, "Non-existent interface specified in configuration"));
        assertEquals(4, r.problems().exitCode());
    }

    @Test
    void scriptDefinedAfterUseIsNotFound() throws Exception {
        var r = load("""
                global_defs {
                  enable_script_security
                }
                vrrp_instance VI_1 {
                  interface eth0
                  virtual_router_id 5
                  virtual_ipaddress {
                    10.1.1.1
                  }
                  track_script {
                    s1 weight 10 reverse
                    s1
                  }
                }
                vrrp_script s1 {
                  script "/bin/true"
                  weight 300
                }
                vrrp_script empty {
                  interval 2
                }
                """);
        assertTrue(has(r, "(VI_1) track script s1 not found, ignoring..."));
        assertTrue(has(r, "(VI_1) duplicate track_script s1 - ignoring"));
        assertTrue(has(r, "vrrp_script s1 weight 300 must be in [-253, 253]"));
        assertTrue(has(r, "Line 21) No script set for vrrp_script empty - removing"));
        TrackRef ref = r.config().vrrpInstances().get(0).get(VrrpInstanceKeywords.TRACK_SCRIPT).get(0);
        assertEquals(10, ref.weight());
        assertTrue(ref.reverse());
        assertEquals(11, ref.origin().line());
    }

    @Test
    void syncGroupChecks() throws Exception {
        var r = load("""
                vrrp_sync_group G1 {
                  group {
                    VI_1
                    VI_X
                  }
                }
                vrrp_instance VI_1 {
                  interface eth0
                  virtual_router_id 5
                  advert_int 1.5
                  virtual_ipaddress {
                    10.1.1.1
                  }
                }
                """);
        assertTrue(has(r, "Virtual router VI_X specified in sync group G1 doesn't exist - ignoring"));
        assertTrue(has(r, "Sync group G1 has only 1 virtual router(s) - this probably isn't what you want"));
        assertTrue(has(r, "(VI_1) VRRPv2 advertisement interval 1.500000s must be an integer. rounding"));
        assertEquals(Set.of(0), lines(r));
    }

    @Test
    void trackFileAndProcess() throws Exception {
        var r = load("""
                track_file tf {
                  file "/tmp/x"
                  weight 5 reverse
                  init_file 3 overwrite
                }
                vrrp_track_file tf2 {
                  weight 1
                }
                vrrp_track_process tp {
                  process foo bar
                  weight 300
                  quorum 0
                  delay 5000
                  param_match foo
                }
                """);
        Block tf = r.config().root().get(VrrpKeywords.TRACK_FILES).get(0);
        assertEquals("/tmp/x", tf.get(TrackFileKeywords.FILE));
        assertEquals(5, tf.get(TrackFileKeywords.WEIGHT));
        assertEquals(3L, tf.get(TrackFileKeywords.INIT_VALUE));
        assertTrue(has(r, "Line 8) No file set for track_file tf2 - ignoring"));
        assertTrue(has(r, "Weight (300) for vrrp_track_process tp must be between [-254..254] inclusive. Ignoring..."));
        assertTrue(has(r, "Invalid param_match type foo - ignoring"));
        Block tp = r.config().root().get(VrrpKeywords.TRACK_PROCESSES).get(0);
        assertEquals(List.of("foo", "bar"), tp.get(TrackProcessKeywords.PROCESS));
        assertEquals(Set.of(8, 11, 12, 13, 14), lines(r));
    }

    @Test
    void shellWords() {
        assertEquals(List.of("/bin/echo 'a b' \"c d\" eA", "root"),
                ShellWords.split("\"/bin/echo 'a b' \\\"c d\\\" e\\x41\" root"));
        assertEquals(List.of("a\tb", "c d", "x#"), ShellWords.split("a\\tb 'c d' x\\#"));
    }
}
