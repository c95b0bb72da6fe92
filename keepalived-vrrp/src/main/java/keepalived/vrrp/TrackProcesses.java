package keepalived.vrrp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import keepalived.config.Block;
import keepalived.config.vrrp.TrackProcessKeywords;
import keepalived.config.vrrp.TrackProcessKeywords.ParamMatch;
import keepalived.loop.EventLoop;
import keepalived.loop.Timer;
import keepalived.vrrp.state.InstanceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code vrrp_track_process} blocks the instances track. A process matches when its
 * {@code /proc/PID/comm} equals the configured name (truncated to the kernel's 15 characters), or
 * with {@code full_command} its argv[0]; configured parameters are then compared with the rest of
 * {@code /proc/PID/cmdline} (NUL-separated): exactly, as a prefix ({@code param_match initial}) or
 * anywhere ({@code param_match partial}). The tracker is up while the number of matching processes
 * is within [quorum, quorum_max]; a change must last {@code fork_delay} (going up) or
 * {@code terminate_delay} (going down) before it is reported.
 *
 * <p>keepalived follows forks and exits through the kernel's proc connector; we scan /proc once a
 * second on the loop (a change is seen within a second, plus the delays). Processes are counted
 * from this process's view of /proc.
 */
final class TrackProcesses {
    private static final Logger LOG = LoggerFactory.getLogger("keepalived.vrrp.track");
    private static final long PERIOD_NS = 1_000_000_000L;

    private final EventLoop loop;
    private final BiConsumer<String, Boolean> onChange;
    private final Map<String, Proc> procs = new LinkedHashMap<>();
    private final Path proc;
    private Timer poll;
    private boolean scanned;

    private final class Proc {
        final String name;
        final String process;
        final byte[] params;
        final ParamMatch match;
        final boolean fullCommand;
        final int weight;
        final boolean reverse;
        final int quorum;
        final int quorumMax;
        final long forkDelayNs;
        final long terminateDelayNs;
        int count;
        boolean up;
        boolean used;
        Boolean pending;
        final Timer delay;

        Proc(Block b) {
            name = b.name();
            List<String> p = b.get(TrackProcessKeywords.PROCESS);
            fullCommand = b.get(TrackProcessKeywords.FULL_COMMAND);
            String n = p.get(0);
            process = !fullCommand && n.length() > 15 ? n.substring(0, 15) : n;
            params = p.size() > 1 ? String.join("\0", p.subList(1, p.size())).getBytes(StandardCharsets.UTF_8)
                    : null;
            match = b.get(TrackProcessKeywords.PARAM_MATCH);
            weight = b.get(TrackProcessKeywords.WEIGHT);
            reverse = b.get(TrackProcessKeywords.WEIGHT_REVERSE);
            quorum = b.get(TrackProcessKeywords.QUORUM);
            quorumMax = b.get(TrackProcessKeywords.QUORUM_MAX);
            forkDelayNs = b.get(TrackProcessKeywords.FORK_DELAY) * 1000L;
            terminateDelayNs = b.get(TrackProcessKeywords.TERMINATE_DELAY) * 1000L;
            delay = loop.newTimer((t, now) -> settle());
        }

        boolean inQuorum() {
            return count >= quorum && count <= quorumMax;
        }

        /** A new count: report at once, or after the delay when one is configured. */
        void counted(int n) {
            count = n;
            boolean want = inQuorum();
            if (want == up) {
                pending = null;
                delay.cancel();
                return;
            }
            long d = want ? forkDelayNs : terminateDelayNs;
            if (d <= 0) {
                report(want);
            } else if (pending == null || pending != want) {
                pending = want;
                delay.scheduleAt(loop.nowNs() + d);
            }
        }

        void settle() {
            if (pending != null && pending == inQuorum() && pending != up) {
                report(pending);
            }
            pending = null;
        }

        void report(boolean now) {
            up = now;
            pending = null;
            delay.cancel();
            LOG.info("Quorum {} for tracked process {}", now ? "gained" : "lost", name);
            onChange.accept(name, now);
        }
    }

    TrackProcesses(EventLoop loop, List<Block> blocks, BiConsumer<String, Boolean> onChange) {
        this(loop, blocks, onChange, Path.of("/proc"));
    }

    TrackProcesses(EventLoop loop, List<Block> blocks, BiConsumer<String, Boolean> onChange, Path proc) {
        this.loop = loop;
        this.onChange = onChange;
        this.proc = proc;
        for (Block b : blocks) {
            List<String> p = b.get(TrackProcessKeywords.PROCESS);
            if (p != null && !p.isEmpty()) {
                procs.put(b.name(), new Proc(b));
            }
        }
    }

    /** The tracker with the block's own weight / reverse when the track_process line gave none. */
    InstanceConfig.Track resolve(InstanceConfig.Track t) {
        if (t.weight() != null) {
            return t;
        }
        Proc p = procs.get(t.name());
        return p == null ? new InstanceConfig.Track(t.kind(), t.name(), 0, t.reverse())
                : new InstanceConfig.Track(t.kind(), t.name(), p.weight, p.reverse != t.reverse());
    }

    /** Whether the process is in quorum (scans /proc on the first call; true for unknown names). */
    boolean isUp(String name) {
        Proc p = procs.get(name);
        if (p == null) {
            return true;
        }
        if (!scanned) {
            initialScan();
        }
        return p.up;
    }

    private void initialScan() {
        scanned = true;
        int[] counts = scan();
        int i = 0;
        for (Proc p : procs.values()) {
            p.count = counts[i++];
            p.up = p.inQuorum();
        }
    }

    /** Scans /proc every second for the processes in {@code used} (loop thread). */
    void start(List<String> used) {
        boolean any = false;
        for (String n : used) {
            Proc p = procs.get(n);
            if (p != null) {
                p.used = true;
                any = true;
            }
        }
        if (!any) {
            return;
        }
        if (!scanned) {
            initialScan();
        }
        poll = loop.newTimer((timer, now) -> {
            int[] counts = scan();
            int i = 0;
            for (Proc p : procs.values()) {
                int c = counts[i++];
                if (p.used) {
                    p.counted(c);
                }
            }
        });
        poll.schedulePeriodic(loop.nowNs() + PERIOD_NS, PERIOD_NS);
    }

    void stop() {
        if (poll != null) {
            poll.cancel();
        }
        for (Proc p : procs.values()) {
            p.delay.cancel();
        }
    }

    /** Matching processes per tracked process, in declaration order. */
    int[] scan() {
        List<Proc> list = new ArrayList<>(procs.values());
        int[] counts = new int[list.size()];
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(proc)) {
            for (Path d : ds) {
                String pid = d.getFileName().toString();
                if (pid.isEmpty() || !Character.isDigit(pid.charAt(0)) || pid.equals(Long.toString(self))) {
                    continue;
                }
                String comm = null;
                byte[] cmdline = null;
                for (int i = 0; i < counts.length; i++) {
                    Proc p = list.get(i);
                    try {
                        if (!p.fullCommand || p.params != null) {
                            if (cmdline == null) {
                                cmdline = Files.readAllBytes(d.resolve("cmdline"));
                            }
                        }
                        if (!p.fullCommand && comm == null) {
                            comm = Files.readString(d.resolve("comm"), StandardCharsets.UTF_8).strip();
                        }
                        if (cmdline == null) {
                            cmdline = Files.readAllBytes(d.resolve("cmdline"));
                        }
                    } catch (IOException e) {
                        break; // gone, or a kernel thread we may not read
                    }
                    if (matches(p, comm, cmdline)) {
                        counts[i]++;
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("Unable to scan {}: {}", proc, e.getMessage());
        }
        return counts;
    }

    private static boolean matches(Proc p, String comm, byte[] cmdline) {
        int len = cmdline.length;
        while (len > 0 && cmdline[len - 1] == 0) {
            len--;
        }
        if (len == 0) {
            return false; // kernel thread or zombie
        }
        int end0 = 0;
        while (end0 < len && cmdline[end0] != 0) {
            end0++;
        }
        String argv0 = new String(cmdline, 0, end0, StandardCharsets.UTF_8);
        if (!(p.fullCommand ? argv0.equals(p.process) : p.process.equals(comm))) {
            return false;
        }
        if (p.params == null) {
            return true;
        }
        int start = Math.min(len, end0 + 1);
        int n = len - start;
        byte[] want = p.params;
        return switch (p.match) {
            case EXACT -> n == want.length && regionEquals(cmdline, start, want);
            case INITIAL -> n >= want.length && regionEquals(cmdline, start, want);
            case PARTIAL -> {
                for (int i = start; i + want.length <= len; i++) {
                    if (regionEquals(cmdline, i, want)) {
                        yield true;
                    }
                }
                yield false;
            }
        };
    }

    private static boolean regionEquals(byte[] a, int from, byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (a[from + i] != b[i]) {
                return false;
            }
        }
        return true;
    }
}
