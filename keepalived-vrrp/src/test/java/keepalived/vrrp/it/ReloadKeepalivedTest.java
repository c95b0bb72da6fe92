package keepalived.vrrp.it;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The reload scenarios with Debian's keepalived 2.2.7 as MASTER: the reference the other pairs
 * are compared with. Two scenarios show where we deliberately differ.
 */
class ReloadKeepalivedTest extends ReloadScenarios {
    @Override
    Impl master() {
        return Impl.KEEPALIVED;
    }

    @Override
    Impl peer() {
        return Impl.KEEPALIVED;
    }

    @Override
    @Test
    @Disabled("keepalived 2.2.7 re-announces every VIP of the instance when one is added (5 GARPs for the kept "
            + "VIP, measured); ours announces only the new one")
    void changingTheVipsOfAMaster() {
    }

    @Override
    @Test
    @Disabled("keepalived 2.2.7 without reload_check_config exits on the broken config ('exited with permanent "
            + "error CONFIG. Terminating') and leaves its VIP on the host while the peer takes over (measured)")
    void brokenConfigKeepsTheRunningMaster() {
    }
}
