package keepalived.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import keepalived.daemon.Watchdog;

/**
 * Without -n keepalived daemonises. A JVM cannot fork, so it starts itself again (same java,
 * flags, class path and argv) under {@code setsid} with stdio on /dev/null, and exits 0 at once:
 * the new JVM leads its own session, as a forked-and-setsid'd daemon does.
 */
final class Detach {
    /** Set on the re-launched JVM so that it does not detach again. */
    static final String PROPERTY = "keepalived.detached";

    private Detach() {
    }

    static int relaunch(List<String> argv, PrintStream err) {
        List<String> cmd = new ArrayList<>();
        cmd.add(new File("/usr/bin/setsid").canExecute() ? "/usr/bin/setsid" : "setsid");
        cmd.addAll(Watchdog.javaCommand("-D" + PROPERTY + "=1", argv));
        File devNull = new File("/dev/null");
        try {
            new ProcessBuilder(cmd).redirectInput(devNull).redirectOutput(ProcessBuilder.Redirect.appendTo(devNull))
                    .redirectError(ProcessBuilder.Redirect.appendTo(devNull)).start();
            return 0;
        } catch (IOException e) {
            err.println("keepalived-java: cannot detach: " + e.getMessage());
            return 1;
        }
    }
}
