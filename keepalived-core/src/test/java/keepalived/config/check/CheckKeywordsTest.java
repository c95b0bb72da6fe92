package keepalived.config.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import keepalived.config.KeywordNotice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckKeywordsTest {
    @TempDir
    Path dir;

    static final Host HOST = new Host() {
        @Override
        public boolean interfaceExists(String name) {
            return true;
        }

        @Override
        public boolean isLoopback(String name) {
            return false;
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
            // keepalived's lines only: the subsystem's "not implemented yet" notice is ours
            if (p.origin() != null && !KeywordNotice.isNotice(p.message())) {
                s.add(p.origin().line());
            }
        }
        return s;
    }

    static boolean has(ConfigLoader.Result r, String msg) {
        return r.problems().all().stream().anyMatch(p -> p.message().equals(msg));
    }

    @Test
    void parsesTypicalVirtualServer() throws Exception {
        ConfigLoader.Result r = load("""
                virtual_server 10.1.1.1 80 {
                  delay_loop 6
                  lb_algo wrr
                  lb_kind DR
                  protocol tcp
                  persistence_timeout
                  quorum_up "/bin/echo 'a b' c"
                  real_server 10.1.1.2 80 {
                    weight 3
                    TCP_CHECK {
                      connect_timeout 2.5
                    }
                    HTTP_GET {
                      url {
                        path /index.html
                        status_code 200-299 404
                      }
                      nb_get_retry 4
                    }
                  }
                }
                """);
        Block vs = r.config().virtualServers().get(0);
        assertEquals(VirtualServerKeywords.LbAlgo.WRR, vs.get(VirtualServerKeywords.LB_ALGO));
        assertEquals(Forwarding.Method.DR, vs.get(VirtualServerKeywords.LB_KIND).method());
        assertEquals(VirtualServerKeywords.Protocol.TCP, vs.get(VirtualServerKeywords.PROTOCOL));
        assertEquals(6_000_000L, vs.get(VirtualServerKeywords.DELAY_LOOP));
        assertEquals(360L, vs.get(VirtualServerKeywords.PERSISTENCE_TIMEOUT));
        assertEquals(List.of("/bin/echo", "a b", "c"), vs.get(VirtualServerKeywords.QUORUM_UP).argv());
        Block rs = vs.blocks(VirtualServerKeywords.REAL_SERVERS).get(0);
        assertEquals(3, rs.get(RealServerKeywords.WEIGHT));
        List<Block> checkers = rs.blocks(RealServerKeywords.CHECKERS);
        assertEquals("TCP_CHECK", checkers.get(0).keyword());
        assertEquals(2_500_000L, checkers.get(0).get(CheckerKeywords.CONNECT_TIMEOUT));
        Block http = checkers.get(1);
        assertEquals(4L, CheckerKeywords.effectiveRetry(http, rs, vs));
        assertEquals(3_000_000L, CheckerKeywords.effectiveDelayBeforeRetry(http, rs, vs));
        Block url = http.blocks(HttpCheckKeywords.URLS).get(0);
        assertEquals("/index.html", url.get(HttpCheckKeywords.PATH));
        assertEquals(2, url.get(HttpCheckKeywords.STATUS_CODES).size());
        // only the nb_get_retry deprecation warning
        assertEquals(Set.of(18), lines(r));
    }

    @Test
    void defaultsAreReportedWithoutLine() throws Exception {
        ConfigLoader.Result r = load("""
                virtual_server 10.1.1.1 80 {
                  real_server 10.1.1.2 80 {
                  }
                }
                """);
        assertTrue(has(r, "Virtual server [10.1.1.1]:none:80: no protocol set - defaulting to UDP"));
        assertTrue(has(r, "Virtual server [10.1.1.1]:udp:80: no scheduler set, setting default 'wlc'"));
        assertTrue(has(r, "Virtual server [10.1.1.1]:udp:80: no forwarding method set, setting default NAT"));
        assertEquals(Set.of(), lines(r));
        assertEquals(5, r.problems().exitCode());
    }

    @Test
    void badValuesKeepLineNumbers() throws Exception {
        ConfigLoader.Result r = load("""
                virtual_server 10.1.1.1 80 {
                  lb_algo foo
                  lb_kind XX
                  protocol TCP
                  real_server 10.1.1.2 80 {
                    MISC_CHECK {
                    }
                  }
                }
                """);
        assertTrue(has(r, "Invalid lvs_scheduler 'foo' - ignoring"));
        assertTrue(has(r, "PARSER : unknown [XX] routing method for virtual server."));
        assertTrue(has(r, "No script path has been specified for MISC_CHECKER - skipping"));
        assertEquals(Set.of(2, 3, 7), lines(r));
    }

    @Test
    void missingParameterAborts() throws Exception {
        ConfigLoader.Result r = load("""
                virtual_server 10.1.1.1 80 {
                  lb_algo
                }
                """);
        assertEquals(2, r.problems().exitCode());
    }

    @Test
    void virtualServerGroupEntries() throws Exception {
        ConfigLoader.Result r = load("""
                virtual_server_group G {
                  10.1.1.1 80
                  10.1.1.10-20 80
                  10.2.0.0/24 80
                  fwmark 5 inet
                  10.1.1.30-20 80
                }
                virtual_server group G {
                  lb_algo rr
                  lb_kind NAT
                  protocol TCP
                  real_server 10.1.1.2 80 {
                  }
                }
                """);
        Block g = r.config().virtualServerGroups().get(0);
        List<VirtualServerGroupKeywords.Entry> e = g.get(VirtualServerGroupKeywords.ENTRIES);
        assertEquals(4, e.size());
        assertEquals("10.1.1.20", e.get(1).last().getHostAddress());
        assertEquals("10.2.0.255", e.get(2).last().getHostAddress());
        assertEquals(5L, e.get(3).fwmark());
        assertEquals(Set.of(6), lines(r));
    }

    @Test
    void bfdCheckNeedsEarlierInstance() throws Exception {
        ConfigLoader.Result r = load("""
                virtual_server 10.1.1.1 80 {
                  lb_algo rr
                  lb_kind NAT
                  protocol TCP
                  real_server 10.1.1.2 80 {
                    BFD_CHECK {
                      name B
                    }
                  }
                }
                """);
        assertTrue(has(r, "([10.1.1.2]:tcp:80) BFD_CHECK - BFD B not configured"));
        assertEquals(Set.of(7), lines(r));
    }

    @Test
    void splitsCommands() {
        assertEquals(List.of("/bin/x", "a b", "c d", "e\n"), CheckValues.splitCommand("/bin/x 'a b' \"c d\" e\\n"));
        assertFalse(CheckValues.splitCommand("  ").iterator().hasNext());
    }
}
