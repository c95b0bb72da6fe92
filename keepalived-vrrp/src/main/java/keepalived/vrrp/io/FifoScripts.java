package keepalived.vrrp.io;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import keepalived.config.Block;
import keepalived.config.global.GlobalDefsKeywords;
import keepalived.config.global.ScriptCheck;
import keepalived.config.global.ScriptSpec;
import keepalived.config.global.ShellWords;
import keepalived.sys.RunAs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * notify_fifo_script and vrrp_notify_fifo_script: the reader of a notify FIFO that keepalived
 * starts itself, with the FIFO's path as the last argument, once the FIFO exists (made here if
 * missing). As keepalived 2.2.7 does (observed), the script is stopped with SIGTERM and started
 * again on every reload, and stopped at exit. A vrrp_notify_fifo with the same path as
 * notify_fifo is ignored, and so is its script.
 */
public final class FifoScripts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("keepalived.vrrp.notify");
    private static final File DEV_NULL = new File("/dev/null");

    private final List<Process> running = new ArrayList<>();

    /** Starts the scripts {@code globals} names (after stopping any running ones). */
    public void start(Block globals) {
        close();
        if (globals == null) {
            return;
        }
        keepalived.config.global.NotifyFifo f = globals.get(GlobalDefsKeywords.NOTIFY_FIFO);
        keepalived.config.global.NotifyFifo vf = globals.get(GlobalDefsKeywords.VRRP_NOTIFY_FIFO);
        if (f != null) {
            start(f.path(), globals.get(GlobalDefsKeywords.NOTIFY_FIFO_SCRIPT), globals);
        }
        if (vf != null && (f == null || !vf.path().equals(f.path()))) {
            start(vf.path(), globals.get(GlobalDefsKeywords.VRRP_NOTIFY_FIFO_SCRIPT), globals);
        }
    }

    private void start(String fifo, ScriptSpec script, Block globals) {
        if (script == null) {
            return;
        }
        List<String> argv = new ArrayList<>(ShellWords.split(script.command()));
        if (argv.isEmpty()) {
            return;
        }
        argv.add(fifo);
        try {
            Path p = Path.of(fifo);
            if (!Files.exists(p)) {
                Process mk = new ProcessBuilder("mkfifo", "-m", "600", fifo).start();
                mk.waitFor(2, TimeUnit.SECONDS);
            }
            int[] ids = ScriptCheck.runAs(script.user(), script.group(), globals);
            List<String> cmd = RunAs.command(argv, ids[0], ids[1]);
            Process proc = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            LOG.debug("Executing [{}]", String.join(" ", argv));
            running.add(proc);
        } catch (IOException e) {
            LOG.warn("Unable to start FIFO script {}: {}", String.join(" ", argv), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM to the running scripts (and what they started), waiting briefly for them. */
    @Override
    public void close() {
        for (Process p : running) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : running) {
            try {
                p.waitFor(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running.clear();
    }
}
