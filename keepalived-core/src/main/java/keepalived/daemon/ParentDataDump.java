package keepalived.daemon;

import keepalived.config.KeepalivedConfig;
import keepalived.sys.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGUSR1 in the parent: {@code keepalived_parent.data}, the global definitions as the parent
 * holds them (keepalived's parent has not resolved the VRRP defaults, so its file differs from
 * the VRRP child's in a few values: see {@link GlobalDefsDump}).
 */
public final class ParentDataDump {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived");

    public static final String FILE = "keepalived_parent.data";

    private ParentDataDump() {
    }

    public static void write(KeepalivedConfig config, DaemonContext context) {
        LOG.info("Printing parent data for process({}) on signal", Native.getpid());
        DumpFile.write(context.dumpDirectory(), FILE, GlobalDefsDump.section(config, false));
    }
}
