package keepalived.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import keepalived.testing.Cmd;
import keepalived.testing.Prerequisites;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {
    private static String status(String capEff, String uid) {
        return "Name:\tjava\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\nCapInh:\t0000000000000000\n"
                + "CapEff:\t" + capEff + "\nCapBnd:\t000001ffffffffff\n";
    }

    @Test
    void rootWithEveryCapabilityHasNoProblem() {
        Capabilities c = Capabilities.parse(status("000001fffeffffff", "0"));
        assertTrue(c.has(Capabilities.CAP_NET_RAW));
        assertEquals(Optional.empty(), c.networkProblem());
    }

    @Test
    void ambientNetRawAndNetAdminAreEnough() {
        Capabilities c = Capabilities.parse(status("0000000000003000", "65534"));
        assertEquals(List.of(), c.missingNetwork());
    }

    @Test
    void theMessageNamesOnlyTheMissingCapability() {
        Capabilities c = Capabilities.parse(status("0000000000001000", "65534")); // CAP_NET_ADMIN only
        assertEquals(List.of("CAP_NET_RAW"), c.missingNetwork());
        String line = c.networkProblem().orElseThrow();
        assertTrue(line.startsWith("missing capability CAP_NET_RAW (uid 65534): run as root"), line);
        assertFalse(line.contains("\n"));
    }

    @Test
    void rootInAContainerWithoutCapabilitiesIsRefused() {
        Capabilities c = Capabilities.parse(status("0000000000000000", "0"));
        assertEquals(List.of("CAP_NET_RAW", "CAP_NET_ADMIN"), c.missingNetwork());
    }

    @Test
    void thisProcessAsRootHasThem() {
        Prerequisites.requireRoot();
        assertEquals(Optional.empty(), Capabilities.current().networkProblem());
    }

    @Test
    void nobodyIsToldWhatIsMissing() {
        Prerequisites.requireRoot();
        Prerequisites.require(Cmd.available("setpriv"), "setpriv (util-linux)");
        Cmd.Result r = UnprivilegedJvm.run(NativeProbeMain.class, "capabilities");
        assertTrue(r.ok(), r.describe());
        assertTrue(r.stdout().startsWith("missing capability CAP_NET_RAW and CAP_NET_ADMIN (uid 65534)"),
                r.describe());
    }
}
