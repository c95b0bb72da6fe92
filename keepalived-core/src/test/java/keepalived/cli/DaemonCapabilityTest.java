package keepalived.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import keepalived.sys.UnprivilegedJvm;
import keepalived.testing.Cmd;
import keepalived.testing.Prerequisites;
import org.junit.jupiter.api.Test;

/** Starting the daemon without CAP_NET_RAW/CAP_NET_ADMIN is refused in one line, exit 4. */
class DaemonCapabilityTest {

    @Test
    void daemonWithoutNetworkCapabilitiesSaysWhichAreMissing() {
        Prerequisites.requireRoot(); // setpriv to nobody needs root
        Cmd.Result r = UnprivilegedJvm.run(Main.class, "-f", "/nonexistent.conf");
        assertEquals(4, r.exitCode(), r.output());
        String[] lines = r.stderr().strip().split("\n");
        assertEquals(1, lines.length, "one line, no stack trace: " + r.output());
        assertTrue(lines[0].contains("missing capability CAP_NET_RAW and CAP_NET_ADMIN"), r.output());
    }
}
