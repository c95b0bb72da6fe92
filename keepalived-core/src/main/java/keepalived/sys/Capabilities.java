package keepalived.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The effective capabilities of this process, read once from /proc/self/status, so startup can
 * refuse with one clear line ("missing CAP_NET_RAW") instead of an EPERM stack trace later. Root
 * normally holds every capability; root in a restricted container may not, so only CapEff counts.
 */
public final class Capabilities {
    /** linux/capability.h. */
    public static final int CAP_NET_ADMIN = 12;
    public static final int CAP_NET_RAW = 13;

    private static final int[] NETWORK = {CAP_NET_RAW, CAP_NET_ADMIN};

    private final long effective;
    private final int uid;

    Capabilities(long effective, int uid) {
        this.effective = effective;
        this.uid = uid;
    }

    /** Reads this process's CapEff and uid; an unreadable status counts as no capabilities. */
    public static Capabilities current() {
        try {
            return parse(Files.readString(Path.of("/proc/self/status")));
        } catch (IOException e) {
            return new Capabilities(0, -1);
        }
    }

    /** Parses the {@code CapEff:} (hex mask) and {@code Uid:} (real uid) lines of a status file. */
    static Capabilities parse(String status) {
        long eff = 0;
        int uid = -1;
        for (String line : status.split("\n")) {
            if (line.startsWith("CapEff:")) {
                eff = Long.parseUnsignedLong(line.substring(7).strip(), 16);
            } else if (line.startsWith("Uid:")) {
                uid = Integer.parseInt(line.substring(4).strip().split("\\s+")[0]);
            }
        }
        return new Capabilities(eff, uid);
    }

    public boolean has(int capability) {
        return (effective >>> capability & 1) != 0;
    }

    /** The capabilities a VRRP daemon needs and lacks, by name, e.g. {@code [CAP_NET_RAW]}. */
    public List<String> missingNetwork() {
        List<String> missing = new ArrayList<>();
        for (int cap : NETWORK) {
            if (!has(cap)) {
                missing.add(name(cap));
            }
        }
        return missing;
    }

    /** A one-line explanation when a network capability is missing, empty when all is well. */
    public Optional<String> networkProblem() {
        List<String> missing = missingNetwork();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("missing capability " + String.join(" and ", missing) + " (uid " + uid
                + "): run as root or grant CAP_NET_RAW and CAP_NET_ADMIN (e.g. systemd AmbientCapabilities=)");
    }

    static String name(int capability) {
        return switch (capability) {
            case CAP_NET_ADMIN -> "CAP_NET_ADMIN";
            case CAP_NET_RAW -> "CAP_NET_RAW";
            default -> "capability " + capability;
        };
    }

    @Override
    public String toString() {
        return "CapEff=" + Long.toHexString(effective) + " uid=" + uid;
    }
}
