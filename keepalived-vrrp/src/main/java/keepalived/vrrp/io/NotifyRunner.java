package keepalived.vrrp.io;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs notify scripts as keepalived does: exec'd directly with the configured argv (no shell),
 * not waited for (a reaper thread collects the exit status so no zombie is left), except the STOP
 * notifications at shutdown, which are waited for up to a second each.
 *
 * <p>The specific scripts ({@code notify_master} ...) get only their configured arguments; the
 * generic {@code notify} gets four more: {@code INSTANCE|GROUP}, the name, the state and the
 * priority (0 for groups).
 */
public final class NotifyRunner {
    private static final Logger LOG = LoggerFactory.getLogger("keepalived.vrrp.notify");
    private static final File DEV_NULL = new File("/dev/null");

    /** The argv of the generic notify script for a state change. */
    public static List<String> genericArgv(List<String> argv, boolean group, String name, String state, int priority) {
        List<String> full = new ArrayList<>(argv.size() + 4);
        full.addAll(argv);
        full.add(group ? "GROUP" : "INSTANCE");
        full.add(name);
        full.add(state);
        full.add(Integer.toString(priority));
        return full;
    }

    /** Starts {@code argv} and returns without waiting; failures are logged. */
    public Process run(List<String> argv) {
        if (argv == null || argv.isEmpty()) {
            return null;
        }
        ProcessBuilder pb = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process p = pb.start();
            LOG.debug("Executing [{}]", String.join(" ", argv));
            // onExit() reaps the child on the JDK's process reaper thread
            p.onExit().thenAccept(done -> {
                if (done.exitValue() != 0) {
                    LOG.debug("Script {} exited with status {}", argv.get(0), done.exitValue());
                }
            });
            return p;
        } catch (IOException e) {
            LOG.warn("Unable to execute script {}: {}", String.join(" ", argv), e.getMessage());
            return null;
        }
    }

    /** Runs {@code argv} and waits for it at most {@code timeoutMs} (keepalived waits for STOP notifies). */
    public void runAndWait(List<String> argv, long timeoutMs) {
        Process p = run(argv);
        if (p == null) {
            return;
        }
        try {
            if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                LOG.debug("Script {} still running after {} ms", argv.get(0), timeoutMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
