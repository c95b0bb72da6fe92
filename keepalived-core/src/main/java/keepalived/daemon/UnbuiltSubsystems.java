package keepalived.daemon;

import java.util.ArrayList;
import java.util.List;

import keepalived.config.KeepalivedConfig;

/**
 * keepalived's checker (IPVS and health checkers) and BFD processes are not built in
 * keepalived-java yet. A configuration that asks for them starts without them; the parent says
 * so in its log at start and reload, rather than leaving the operator to find out that no
 * virtual server is ever set up.
 */
public final class UnbuiltSubsystems {
    private UnbuiltSubsystems() {
    }

    /** The log lines for what {@code config} asks of subsystems that are not on the class path. */
    public static List<String> messages(KeepalivedConfig config, DaemonContext context, List<Subsystem> available) {
        List<String> lines = new ArrayList<>();
        if (config.needsChecker() && !context.vrrpOnly() && absent(available, "checker")) {
            lines.add("virtual_server: the checker (IPVS and health checkers) is not implemented by keepalived-java yet"
                    + " - " + config.virtualServers().size() + " virtual server(s) not set up");
        }
        if (config.needsBfd() && absent(available, "bfd")) {
            lines.add("bfd_instance: BFD is not implemented by keepalived-java yet - "
                    + config.bfdInstances().size() + " BFD instance(s) not started");
        }
        return lines;
    }

    private static boolean absent(List<Subsystem> available, String name) {
        return available.stream().noneMatch(s -> s.name().equals(name));
    }
}
