package keepalived.daemon;

import static keepalived.config.global.GlobalDefsKeywords.*;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import keepalived.config.Block;
import keepalived.config.Key;
import keepalived.sys.Native;
import keepalived.sys.NativeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * keepalived's per-process scheduling knobs ({@code vrrp_rt_priority}, {@code vrrp_cpu_affinity},
 * {@code vrrp_rlimit_rttime}, {@code vrrp_priority} and the checker_/bfd_ equivalents), applied
 * to the thread that does the process's timed work: its event loop. keepalived's child is one
 * thread, so there "the process" and "the loop" are the same; in a JVM only the loop thread is
 * made real-time, so the GC, JIT and logging threads never compete with the adverts at
 * real-time priority (a blocked loop waits for them as it would for any other thread).
 *
 * <p>Semantics follow keepalived.conf(5): with a real-time priority the thread runs SCHED_RR
 * (reset on fork, so scripts start normal) and RLIMIT_RTTIME is set with the soft limit at half
 * of {@code *_rlimit_rttime} (SIGXCPU: logged as a warning) and the hard limit at it (SIGKILL);
 * without one, {@code *_priority} is the nice value. Failures are logged and the daemon carries
 * on, as keepalived does.
 */
public record ProcessTuning(String process, Integer rtPriority, List<Integer> cpus, long rlimitRttimeUs, int nice) {
    private static final Logger LOG = LoggerFactory.getLogger("keepalived.daemon");
    private static final AtomicBoolean XCPU_HANDLED = new AtomicBoolean();
    /** RLIM_INFINITY; see {@link #limitRealtime}. */
    private static final long HARD_RTTIME = -1L;

    public static ProcessTuning vrrp(Block globals) {
        return from("vrrp", globals, VRRP_RT_PRIORITY, VRRP_CPU_AFFINITY, VRRP_RLIMIT_RTTIME, VRRP_PRIORITY);
    }

    public static ProcessTuning checker(Block globals) {
        return from("checker", globals, CHECKER_RT_PRIORITY, CHECKER_CPU_AFFINITY, CHECKER_RLIMIT_RTTIME,
                CHECKER_PRIORITY);
    }

    public static ProcessTuning bfd(Block globals) {
        return from("bfd", globals, BFD_RT_PRIORITY, BFD_CPU_AFFINITY, BFD_RLIMIT_RTTIME, BFD_PRIORITY);
    }

    private static ProcessTuning from(String process, Block g, Key<Integer> rt, Key<List<Integer>> cpus,
            Key<Long> rttime, Key<Integer> nice) {
        if (g == null) {
            return new ProcessTuning(process, null, List.of(), rttime.defaultValue(), 0);
        }
        return new ProcessTuning(process, g.get(rt), g.get(cpus), g.get(rttime), g.get(nice));
    }

    /** Nothing to do: the thread keeps what it inherited. */
    public boolean isDefault() {
        return rtPriority == null && cpus.isEmpty() && nice == 0;
    }

    /** Applies the settings to the calling thread (call it on the loop thread). */
    public void applyToCurrentThread() {
        if (isDefault()) {
            return;
        }
        int tid = Native.gettid();
        if (!cpus.isEmpty()) {
            try {
                Native.setAffinity(tid, cpus);
                LOG.info("{} loop thread {} bound to CPU {}", process, tid, cpus);
            } catch (NativeException e) {
                LOG.warn("unable to set cpu affinity to {} process ({})", process, e.getMessage());
            }
        }
        if (rtPriority != null) {
            try {
                Native.setScheduler(tid, Native.SCHED_RR | Native.SCHED_RESET_ON_FORK, rtPriority);
                LOG.info("{} loop thread {} running SCHED_RR priority {}", process, tid, rtPriority);
            } catch (NativeException e) {
                LOG.warn("{} process: cannot raise priority ({})", process, e.getMessage());
                return;
            }
            limitRealtime();
        } else if (nice != 0) {
            try {
                Native.setNice(tid, nice);
            } catch (NativeException e) {
                LOG.info("Unable to set process priority to {} - {}", nice, e.getMessage());
            }
        }
    }

    /**
     * keepalived's soft limit (half of *_rlimit_rttime: SIGXCPU, logged, then again every second
     * while the burst lasts), but NO hard limit: keepalived puts one at the full value, where the
     * kernel SIGKILLs the whole process. A JVM thread legitimately runs a 10 ms burst without
     * blocking (first transitions in interpreted code, class loading: measured here, the daemon
     * with 100 instances was killed within a second of going real-time); losing the daemon is
     * worse than a late warning, and the kernel's RT throttling (sched_rt_runtime_us) still
     * bounds a runaway loop.
     */
    private void limitRealtime() {
        if (rlimitRttimeUs <= 0) {
            return;
        }
        if (XCPU_HANDLED.compareAndSet(false, true)) {
            try {
                Signal.handle(new Signal("XCPU"), s -> LOG.warn(
                        "{} loop thread ran {} us real-time without blocking (half of {}_rlimit_rttime {} us)",
                        process, rlimitRttimeUs / 2, process, rlimitRttimeUs));
            } catch (IllegalArgumentException e) {
                LOG.warn("Cannot handle SIGXCPU: {}", e.getMessage());
            }
        }
        try {
            Native.setRlimit(Native.RLIMIT_RTTIME, Math.max(1, rlimitRttimeUs / 2), HARD_RTTIME);
        } catch (NativeException e) {
            LOG.warn("{} process cannot set realtime rlimit ({})", process, e.getMessage());
        }
    }
}
