package keepalived.daemon;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import keepalived.config.ConfigProblem;
import keepalived.config.Problems;
import keepalived.config.Severity;

/** Whether a configuration read for a reload may replace the running one. */
public final class ReloadCheck {
    private ReloadCheck() {
    }

    /** The problems of a configuration that would stop a reload, as {@code -t} prints them. */
    public static Set<String> errors(Problems problems) {
        Set<String> lines = new LinkedHashSet<>();
        for (ConfigProblem p : problems.all()) {
            if (p.counted() && blocks(p.severity())) {
                lines.add(p.format());
            }
        }
        return lines;
    }

    /**
     * The blocking problems not already in {@code accepted}; a parse that was abandoned always
     * blocks (its last line says why).
     */
    public static List<String> newErrors(Problems problems, Set<String> accepted) {
        List<String> fresh = new ArrayList<>();
        for (String line : errors(problems)) {
            if (!accepted.contains(line)) {
                fresh.add(line);
            }
        }
        if (problems.aborted() && fresh.isEmpty()) {
            List<ConfigProblem> all = problems.all();
            fresh.add(all.isEmpty() ? "configuration could not be read" : all.get(all.size() - 1).format());
        }
        return fresh;
    }

    private static boolean blocks(Severity s) {
        return switch (s) {
            case OK, BAD_INTERFACE, WARNING, DEPRECATED, SECURITY -> false;
            default -> true;
        };
    }
}
