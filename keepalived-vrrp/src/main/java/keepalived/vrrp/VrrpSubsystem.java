package keepalived.vrrp;

import keepalived.config.KeepalivedConfig;
import keepalived.daemon.DaemonContext;
import keepalived.daemon.Subsystem;

/** The VRRP part of the daemon, found by keepalived.daemon.Daemon through ServiceLoader. */
public final class VrrpSubsystem implements Subsystem {
    @Override
    public String name() {
        return "vrrp";
    }

    @Override
    public boolean wanted(KeepalivedConfig config, DaemonContext context) {
        return !context.checkOnly() && (config.needsVrrp() || context.allChildren());
    }

    @Override
    public Running start(KeepalivedConfig config, DaemonContext context) throws Exception {
        VrrpDaemon d = new VrrpDaemon(config, context);
        d.start();
        return new Running() {
            @Override
            public void stop() {
                d.stop();
            }

            @Override
            public void signal(String function) {
                d.signal(function);
            }

            @Override
            public void reload(KeepalivedConfig config) {
                d.reload(config);
            }

            @Override
            public int awaitExit() throws InterruptedException {
                return d.awaitExit();
            }
        };
    }
}
