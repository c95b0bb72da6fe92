package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * log_unknown_vrids: host 2 runs Debian's keepalived as MASTER of VRID 99; host 1 runs VRID 51
 * with log_unknown_vrids and must log keepalived 2.2.7's line for each such advert (checked on
 * keepalived first, then ours), and nothing without the keyword.
 */
class LogUnknownVridsTest {
    static final String LINE = "Unknown VRID(99) received on interface(eth0). ignoring...";

    @RegisterExtension
    final Lab lab = Lab.withHosts(2);

    @Test
    void advertsForOtherVridsAreLoggedWithTheKeyword() throws Exception {
        Daemon other = start(Impl.KEEPALIVED, lab.host(2), "other", 99, "");
        assertTrue(other.awaitLog("(VI_1) Entering MASTER STATE", 15_000), () -> other.logTail(30));
        for (Impl impl : Impl.values()) {
            Daemon d = start(impl, lab.host(1), impl.label(), 51, "    log_unknown_vrids\n");
            assertTrue(d.awaitLog(LINE, 10_000), () -> impl + " logs the unknown VRID\n" + d.logTail(30));
            d.close();
        }
        Daemon quiet = start(Impl.OURS, lab.host(1), "quiet", 51, "");
        assertTrue(quiet.awaitLog("Entering MASTER STATE", 15_000), () -> quiet.logTail(30));
        Wait.sleep(1000);
        assertFalse(quiet.log().contains("Unknown VRID"), () -> quiet.logTail(30));
    }

    private Daemon start(Impl impl, Segment.Host host, String name, int vrid, String globals) throws Exception {
        Path d = lab.dir().resolve(name);
        Files.createDirectories(d);
        String conf = "global_defs {\n    router_id " + name + "\n    vrrp_version 3\n" + globals + "}\n\n"
                + "vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id " + vrid + "\n"
                + "    priority 100\n    advert_int 0.1\n    virtual_ipaddress {\n        " + lab.segment().prefix4() + vrid
                + "/24\n    }\n}\n";
        Daemon daemon = Daemon.start(impl, host, name, conf, d);
        lab.track(daemon);
        return daemon;
    }
}
