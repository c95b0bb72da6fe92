package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import keepalived.testing.Cmd;
import keepalived.testing.Prerequisites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * disable_local_igmp on both implementations: igmp_link_local_mcast_reports is 0 in the host's
 * namespace while the daemon runs and back to 1 after SIGTERM; a host where it already is 0
 * keeps 0 (2.2.7 restores what it found).
 */
class LocalIgmpTest {
    private static final String SYSCTL = "/proc/sys/net/ipv4/igmp_link_local_mcast_reports";
    private Segment segment;
    private Daemon daemon;

    @AfterEach
    void tearDown() {
        if (daemon != null) {
            daemon.close();
        }
        if (segment != null) {
            segment.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    @Timeout(60)
    void reportsAreOffWhileRunningAndRestoredAtStop(Impl impl, TestInfo info) throws Exception {
        Prerequisites.requireRealKeepalived();
        Path dir = TestDir.fresh(this, info);
        segment = Segment.create(1);
        Segment.Host h = segment.host(1);
        String conf = "global_defs {\n    disable_local_igmp\n}\n"
                + new Conf("igmp").priority(255).vip(segment.prefix4() + "100/24").text();
        for (String before : List.of("1", "0")) {
            write(h, before);
            daemon = Daemon.start(impl, h, "a-" + before, conf, dir);
            assertTrue(daemon.awaitLog("Entering MASTER STATE", 15_000), () -> daemon.logTail(30));
            assertEquals("0", read(h), impl + " while running");
            daemon.signal("TERM");
            assertEquals(0, daemon.waitExit(10_000), () -> daemon.logTail(30));
            assertEquals(before, read(h), impl + " after stop, with " + before + " before");
            daemon.close();
            daemon = null;
        }
    }

    private static void write(Segment.Host h, String value) {
        Cmd.run("ip", "netns", "exec", h.name(), "sh", "-c", "echo " + value + " > " + SYSCTL).check();
    }

    private static String read(Segment.Host h) {
        return Cmd.run("ip", "netns", "exec", h.name(), "cat", SYSCTL).check().stdout().trim();
    }
}
