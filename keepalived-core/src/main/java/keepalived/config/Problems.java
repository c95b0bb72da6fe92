package keepalived.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Collects every problem found while reading and checking a configuration, so that one
 * {@code -t} run lists them all. Never throws: reporting is how bad input is handled.
 */
public final class Problems {
    private final List<ConfigProblem> list = new ArrayList<>();
    /** Notice texts already collected: each parse pass notices a keyword, the config says it once. */
    private final Set<String> notices = new HashSet<>();
    private Severity status = Severity.OK;
    private Consumer<ConfigProblem> listener = p -> { };
    private boolean aborted;
    /** keepalived gives rules without a preference 16384, 16383 ... in file order, per parse. */
    private long nextRulePreference = 16384;

    /** The preference keepalived gives the next rule that has none (and counts down). */
    public long takeDefaultRulePreference() {
        return nextRulePreference--;
    }

    /** Also pass each problem to {@code l} as it is reported (e.g. to log it during a reload). */
    public Problems onReport(Consumer<ConfigProblem> l) {
        this.listener = l;
        return this;
    }

    public void report(Severity severity, Origin origin, String message) {
        add(new ConfigProblem(severity, origin, message, true));
    }

    public void error(Origin origin, String message) {
        report(Severity.GENERAL_ERROR, origin, message);
    }

    public void warning(Origin origin, String message) {
        report(Severity.WARNING, origin, message);
    }

    /** A problem that is printed but does not change the status (keepalived-java notices). */
    public void notice(Origin origin, String message) {
        add(new ConfigProblem(Severity.WARNING, origin, message, false));
    }

    private void add(ConfigProblem p) {
        if (!p.counted() && KeywordNotice.isNotice(p.message()) && !notices.add(p.message())) {
            return;
        }
        list.add(p);
        // keepalived keeps the numerically highest class seen, so a later warning can
        // lower "cannot run" (4) to "errors" (5); we reproduce that on purpose.
        if (p.counted() && p.severity().ordinal() > status.ordinal()) {
            status = p.severity();
        }
        listener.accept(p);
    }

    /**
     * keepalived gives up on the whole configuration when a keyword that needs a parameter has
     * none ({@code missing a parameter after keyword}) and exits with 2; so do we.
     */
    public ConfigAbort abort(Origin origin, String message) {
        add(new ConfigProblem(Severity.FATAL, origin, message, true));
        aborted = true;
        return new ConfigAbort();
    }

    public boolean aborted() {
        return aborted;
    }

    /**
     * Reports everything {@code other} collected, in its order (a parse pass that ran on its
     * own list); returns true when {@code other} had given up on the configuration.
     */
    public boolean replay(Problems other) {
        for (ConfigProblem p : other.list) {
            add(p);
        }
        if (other.aborted) {
            aborted = true;
        }
        return other.aborted;
    }

    /** Thrown after {@link #abort} to unwind the parser; never escapes {@code ConfigLoader}. */
    public static final class ConfigAbort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConfigAbort() {
            super(null, null, false, false);
        }
    }

    public List<ConfigProblem> all() {
        return Collections.unmodifiableList(list);
    }

    public Severity status() {
        return status;
    }

    public boolean hasErrors() {
        return status != Severity.OK;
    }

    /** Exit code of {@code keepalived -t}: 2 if parsing was abandoned, else by status. */
    public int exitCode() {
        return aborted ? 2 : status.exitCode();
    }
}
