package keepalived.vrrp;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import keepalived.config.Block;
import keepalived.config.vrrp.NotifyScript;
import keepalived.config.vrrp.VrrpScriptKeywords;
import keepalived.loop.EventLoop;
import keepalived.loop.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@code vrrp_script} checks the instances track: every {@code interval} the script is
 * exec'd (no shell), exit 0 is a success, a run longer than {@code timeout} (default: the
 * interval) is killed and counts as a failure; {@code rise} successes in a row make a failed
 * script good, {@code fall} failures in a row make a good one fail. Changes are reported on the
 * loop thread. Until its first run a script has no status (keepalived 2.2.7, observed): the
 * first result, good or bad, counts at once whatever rise, fall or {@code init_fail} say, and
 * instances that track the script without weight wait for it (see VrrpInstance#awaitTracker).
 */
final class TrackScripts {
    private static final Logger LOG = LoggerFactory.getLogger("keepalived.vrrp.script");
    private static final File DEV_NULL = new File("/dev/null");

    private final EventLoop loop;
    private final BiConsumer<String, Boolean> onChange;
    private final Map<String, Script> scripts = new LinkedHashMap<>();

    private final class Script {
        final String name;
        final List<String> argv;
        final long intervalNs;
        final long timeoutNs;
        final int rise;
        final int fall;
        final int weight;
        boolean good;
        /** No run has finished yet: the first result decides alone. */
        boolean reported;
        int successes;
        int failures;
        /** 2.2.7 logs "now returning N" from the first run on when N is not 0 (observed). */
        int lastStatus;
        Process running;
        final Timer period;
        final Timer timeout;

        Script(Block b, Block globalDefs) {
            name = b.name();
            NotifyScript s = b.get(VrrpScriptKeywords.SCRIPT);
            // a vrrp_script's user comes from its own `user` keyword (its `script` line takes none)
            int[] ids = keepalived.config.global.ScriptCheck.runAs(b.get(VrrpScriptKeywords.USER),
                    b.get(VrrpScriptKeywords.GROUP), globalDefs);
            argv = keepalived.sys.RunAs.command(s.argv(), ids[0], ids[1]);
            intervalNs = Math.max(1, b.get(VrrpScriptKeywords.INTERVAL)) * 1000L;
            Long t = b.get(VrrpScriptKeywords.TIMEOUT);
            timeoutNs = t != null && t > 0 ? t * 1000L : intervalNs;
            rise = Math.max(1, b.get(VrrpScriptKeywords.RISE));
            fall = Math.max(1, b.get(VrrpScriptKeywords.FALL));
            weight = b.get(VrrpScriptKeywords.WEIGHT);
            // init_fail: no visible difference at start in 2.2.7 with rise 1 (the instance waits as for any script)
            good = !b.get(VrrpScriptKeywords.INIT_FAIL);
            period = loop.newTimer((timer, now) -> launch());
            timeout = loop.newTimer((timer, now) -> timedOut());
        }

        void launch() {
            if (running != null) {
                return;
            }
            try {
                Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                running = p;
                timeout.scheduleAt(loop.nowNs() + timeoutNs);
                p.onExit().thenAccept(done -> loop.execute(() -> exited(done)));
            } catch (IOException e) {
                LOG.warn("Unable to execute VRRP_Script({}) {}: {}", name, String.join(" ", argv), e.getMessage());
                result(false, -1);
            }
        }

        void exited(Process p) {
            if (p != running) {
                return; // killed after a timeout, already counted
            }
            running = null;
            timeout.cancel();
            int status = p.exitValue();
            if (status != lastStatus) {
                LOG.info("Script `{}` now returning {}", name, status);
            }
            lastStatus = status;
            result(status == 0, status);
        }

        void timedOut() {
            Process p = running;
            if (p == null) {
                return;
            }
            running = null;
            p.destroyForcibly();
            LOG.info("VRRP_Script({}) timed out", name);
            result(false, -1);
        }

        void result(boolean ok, int status) {
            if (!reported) {
                reported = true;
                good = ok;
                successes = ok ? rise : 0;
                failures = ok ? 0 : fall;
                if (ok) {
                    LOG.info("VRRP_Script({}) succeeded", name);
                } else {
                    LOG.info("VRRP_Script({}) failed{}", name, status >= 0 ? " (exited with status " + status + ")" : "");
                }
                onChange.accept(name, ok);
                return;
            }
            if (ok) {
                failures = 0;
                if (!good && ++successes >= rise) {
                    good = true;
                    LOG.info("VRRP_Script({}) succeeded", name);
                    onChange.accept(name, true);
                }
            } else {
                successes = 0;
                if (good && ++failures >= fall) {
                    good = false;
                    LOG.info("VRRP_Script({}) failed{}", name, status >= 0 ? " (exited with status " + status + ")" : "");
                    onChange.accept(name, false);
                }
            }
        }
    }

    TrackScripts(EventLoop loop, List<Block> blocks, Block globalDefs, BiConsumer<String, Boolean> onChange) {
        this.loop = loop;
        this.onChange = onChange;
        for (Block b : blocks) {
            if (b.get(VrrpScriptKeywords.SCRIPT) != null) {
                scripts.put(b.name(), new Script(b, globalDefs));
            }
        }
    }

    /**
     * Reload: a script of the same name keeps its status from {@code before}; keepalived logs a
     * good one as {@code considered successful on reload}.
     */
    void carryOver(TrackScripts before) {
        for (Script s : scripts.values()) {
            Script b = before.scripts.get(s.name);
            if (b == null) {
                continue;
            }
            s.good = b.good;
            s.reported = b.reported;
            s.lastStatus = b.lastStatus;
            if (s.good) {
                LOG.info("VRRP_Script({}) considered successful on reload", s.name);
            }
        }
    }

    /** The script's own weight (what a track_script line without weight uses); 0 if unknown. */
    int weight(String name) {
        Script s = scripts.get(name);
        return s == null ? 0 : s.weight;
    }

    /** Whether the script has finished a first run (true for unknown names: nothing to wait for). */
    boolean hasReported(String name) {
        Script s = scripts.get(name);
        return s == null || s.reported;
    }

    /** Whether the script is currently good (true for unknown names). */
    boolean isGood(String name) {
        Script s = scripts.get(name);
        return s == null || s.good;
    }

    /** Starts the periodic runs of the scripts in {@code used} (loop thread). */
    void start(List<String> used) {
        long now = loop.nowNs();
        for (String n : used) {
            Script s = scripts.get(n);
            if (s != null && !s.period.isScheduled()) {
                s.period.schedulePeriodic(now, s.intervalNs);
            }
        }
    }

    void stop() {
        for (Script s : scripts.values()) {
            s.period.cancel();
            s.timeout.cancel();
            if (s.running != null) {
                s.running.destroyForcibly();
                s.running = null;
            }
        }
    }

    List<String> names() {
        return new ArrayList<>(scripts.keySet());
    }
}
