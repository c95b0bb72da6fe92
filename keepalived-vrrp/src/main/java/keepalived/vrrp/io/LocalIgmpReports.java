package keepalived.vrrp.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's {@code disable_local_igmp}: net.ipv4.igmp_link_local_mcast_reports is 0 while
 * the VRRP process runs (no IGMP reports for 224.0.0.x groups such as VRRP's 224.0.0.18, which
 * some switches mishandle), and goes back to what it was when the process stops. Observed on
 * 2.2.7: no log line either way, and a value that was already 0 is left alone.
 */
public final class LocalIgmpReports implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalIgmpReports.class);
    private final Path sysctl;
    private String restore;

    private LocalIgmpReports(Path sysctl) {
        this.sysctl = sysctl;
    }

    /** Turns the reports off (under {@code procSys}, normally /proc/sys); close() turns them back. */
    public static LocalIgmpReports disable(Path procSys) {
        LocalIgmpReports r = new LocalIgmpReports(procSys.resolve("net/ipv4/igmp_link_local_mcast_reports"));
        try {
            String was = Files.readString(r.sysctl).trim();
            if (!was.equals("0")) {
                Files.writeString(r.sysctl, "0\n");
                r.restore = was;
            }
        } catch (IOException e) {
            LOG.warn("Unable to disable igmp_link_local_mcast_reports - {}", e.getMessage());
        }
        return r;
    }

    @Override
    public void close() {
        if (restore == null) {
            return;
        }
        try {
            Files.writeString(sysctl, restore + "\n");
        } catch (IOException e) {
            LOG.warn("Unable to restore igmp_link_local_mcast_reports - {}", e.getMessage());
        }
        restore = null;
    }
}
