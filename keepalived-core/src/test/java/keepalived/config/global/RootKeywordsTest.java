package keepalived.config.global;

import static keepalived.config.global.GlobalConfigFixture.load;
import static keepalived.config.global.GlobalConfigFixture.messages;
import static keepalived.config.global.RootKeywords.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import keepalived.config.Block;
import keepalived.config.ConfigLoader;
import org.junit.jupiter.api.Test;

/** Root-level keywords (net_namespace, instance, child_wait_time ...). */
class RootKeywordsTest {

    @Test
    void valuesLiveInTheRootBlock() {
        ConfigLoader.Result r = load("net_namespace blue\nnet_namespace_ipvs\ninstance i1\nuse_pid_dir\n"
                + "child_wait_time 9\nlinkbeat_use_polling\nnamespace_with_ipsets\n");
        assertEquals(List.of(), messages(r));
        Block root = r.config().root();
        assertEquals("blue", root.get(NET_NAMESPACE));
        assertEquals("", root.get(NET_NAMESPACE_IPVS));
        assertEquals("i1", root.get(INSTANCE));
        assertTrue(root.get(USE_PID_DIR));
        assertEquals(9_000_000L, root.get(CHILD_WAIT_TIME));
        assertTrue(root.get(LINKBEAT_USE_POLLING));
        assertTrue(root.get(NAMESPACE_WITH_IPSETS));
    }

    @Test
    void keepalivedMessages() {
        ConfigLoader.Result r = load("net_namespace\ninstance a\ninstance b\nchild_wait_time -1\n"
                + "net_namespace x\nnet_namespace y\n");
        // A duplicate net_namespace is logged but does not fail the config test.
        assertEquals(List.of("1 net_namespace name missing - ignoring", "3 Duplicate instance definition b - ignoring",
                "4 negative number '-1'", "4 Invalid child_wait_time -1"), messages(r));
        assertEquals("x", r.config().root().get(NET_NAMESPACE));
    }

    @Test
    void childWaitTimeNeedsAValue() {
        assertEquals(2, load("child_wait_time\n").problems().exitCode());
    }
}
