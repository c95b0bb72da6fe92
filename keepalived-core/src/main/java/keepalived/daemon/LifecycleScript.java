package keepalived.daemon;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import keepalived.config.global.ScriptSpec;
import keepalived.config.global.ShellWords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code startup_script} / {@code shutdown_script}: run by the parent before the children start
 * and after they have all stopped, waited for up to their timeout, then killed. keepalived runs
 * them as the script user; ours run as the daemon's user (script_user is not implemented yet).
 */
final class LifecycleScript {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived");

    private LifecycleScript() {
    }

    /**
     * Runs the script and waits for it.
     *
     * @param which         "startup" or "shutdown", for the log
     * @param timeoutMicros the keyword's timeout
     * @return the exit status, or -1 if it could not run or was killed at the timeout
     */
    static int run(String which, ScriptSpec spec, long timeoutMicros) {
        List<String> argv = ShellWords.split(spec.command());
        if (argv.isEmpty()) {
            return -1;
        }
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            LOG.error("Unable to run {} script {}: {}", which, spec.command(), e.getMessage());
            return -1;
        }
        try {
            if (!p.waitFor(timeoutMicros, TimeUnit.MICROSECONDS)) {
                LOG.error("{} script {} timed out after {} seconds - killing it", capitalised(which), spec.command(),
                        timeoutMicros / 1_000_000);
                p.destroyForcibly().waitFor(1, TimeUnit.SECONDS);
                return -1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return -1;
        }
        int status = p.exitValue();
        if (status != 0) {
            LOG.warn("{} script {} exited with status {}", capitalised(which), spec.command(), status);
        }
        return status;
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
