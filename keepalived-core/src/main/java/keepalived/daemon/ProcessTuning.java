package keepalived.daemon;

import static keepalived.config.global.GlobalDefsKeywords.*;

import java.util.List;
import java.util.function.LongConsumer;
import java.util.concurrent.atomic.AtomicBoolean;
import keepalived.config.Block;
import keepalived.config.Key;
import keepalived.loop.EventLoop;
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
public record ProcessTuning(String process, Integer rtPriority, List<Integer> cpus, long rlimitRttimeUs, int nice,
        boolean noSwap, int maxAutoPriority, long minAutoDelayUs) {
    private static final Logger LOG = LoggerFactory.getLogger("keepalived.daemon");
    private static final AtomicBoolean XCPU_HANDLED = new AtomicBoolean();
    /** RLIM_INFINITY; see {@link #limitRealtime}. */
    private static final long HARD_RTTIME = -1L;

    public static ProcessTuning vrrp(Block globals) {
        return from("vrrp", globals, VRRP_RT_PRIORITY, VRRP_CPU_AFFINITY, VRRP_RLIMIT_RTTIME, VRRP_PRIORITY,
                VRRP_NO_SWAP);
    }

    public static ProcessTuning checker(Block globals) {
        return from("checker", globals, CHECKER_RT_PRIORITY, CHECKER_CPU_AFFINITY, CHECKER_RLIMIT_RTTIME,
                CHECKER_PRIORITY, CHECKER_NO_SWAP);
    }

    public static ProcessTuning bfd(Block globals) {
        return from("bfd", globals, BFD_RT_PRIORITY, BFD_CPU_AFFINITY, BFD_RLIMIT_RTTIME, BFD_PRIORITY, BFD_NO_SWAP);
    }

    private static ProcessTuning from(String process, Block g, Key<Integer> rt, Key<List<Integer>> cpus,
            Key<Long> rttime, Key<Integer> nice, Key<Boolean> noSwap) {
        if (g == null) {
            return new ProcessTuning(process, null, List.of(), rttime.defaultValue(), 0, false, 0,
                    MIN_AUTO_PRIORITY_DELAY.defaultValue());
        }
        return new ProcessTuning(process, g.get(rt), g.get(cpus), g.get(rttime), g.get(nice), g.get(noSwap),
                g.get(MAX_AUTO_PRIORITY), g.get(MIN_AUTO_PRIORITY_DELAY));
    }

    /**
     * Applies the settings to the calling thread, which must be {@code loop}'s thread: scheduling,
     * affinity and nice to the thread, no_swap to the process, and max_auto_priority as a watch
     * on the loop's timer lateness.
     */
    public void applyToLoopThread(EventLoop loop) {
        if (noSwap) {
            lockInMemory();
        }
        applyToCurrentThread();
        if (maxAutoPriority > 0 && (rtPriority == null || rtPriority < maxAutoPriority)) {
            loop.timers().lateWatch(minAutoDelayUs * 1000, new AutoPriority(Native.gettid()));
        }
    }

    /**
     * keepalived's *_no_swap is mlockall(MCL_CURRENT | MCL_FUTURE). A JVM maps far more than it
     * touches (the JDK's 130 MB module image, reserved heap and code cache): MCL_ONFAULT locks
     * each page when it is first touched, so what the process uses can never be swapped out
     * without making it resident up front.
     */
    private void lockInMemory() {
        try {
            Native.mlockall(Native.MCL_CURRENT | Native.MCL_FUTURE | Native.MCL_ONFAULT);
            LOG.debug("{} process locked in memory", process);
        } catch (NativeException e) {
            LOG.warn("Unable to lock {} process in memory - {}", process, e.getMessage());
        }
    }

    /** Applies scheduling, affinity and nice to the calling thread. */
    public void applyToCurrentThread() {
        if (rtPriority == null && cpus.isEmpty() && nice == 0) {
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
     * max_auto_priority: each time a timer fires more than min_auto_priority_delay late, the loop
     * thread goes up one real-time step, first to SCHED_RR at the lowest priority (or one above
     * vrrp_rt_priority), up to max_auto_priority; it never comes down (as keepalived).
     */
    private final class AutoPriority implements LongConsumer {
        private final int tid;
        private int current;

        AutoPriority(int tid) {
            this.tid = tid;
            this.current = rtPriority == null ? 0 : rtPriority;
        }

        @Override
        public void accept(long latenessNs) {
            if (current >= maxAutoPriority) {
                return;
            }
            boolean first = current == 0;
            int next = current + 1;
            try {
                Native.setScheduler(tid, Native.SCHED_RR | Native.SCHED_RESET_ON_FORK, next);
            } catch (NativeException e) {
                LOG.warn("{} process: cannot raise priority ({})", process, e.getMessage());
                current = maxAutoPriority; // do not retry on every late timer
                return;
            }
            current = next;
            LOG.debug("{} loop thread {} us late: realtime priority now {}", process, latenessNs / 1000, current);
            if (first) {
                limitRealtime();
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
