package keepalived.loop;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (not a test): how late periodic timers fire on the real loop. Run by
 * {@code bench/timer-lateness.sh}; prints one line of results per run.
 *
 * <pre>java -cp 'dist/lib/*' keepalived.loop.LatenessBench TIMERS PERIOD_MS SECONDS [WARMUP_S]</pre>
 *
 * Timers start with their phases spread evenly over one period (as many VRRP instances would
 * be), so with many timers the loop wakes for each one rather than for a single burst.
 * Measured after a warm-up: lateness percentiles, missed periods, the loop thread's CPU time,
 * bytes it allocated per firing and collections during the run.
 */
public final class LatenessBench {
    private LatenessBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: LatenessBench TIMERS PERIOD_MS SECONDS [WARMUP_S]");
            System.exit(2);
        }
        int timers = Integer.parseInt(args[0]);
        long periodNs = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[1]));
        double seconds = Double.parseDouble(args[2]);
        double warmupS = args.length > 3 ? Double.parseDouble(args[3]) : 2;

        EventLoop loop = new EventLoop("lateness-bench");
        long[] firings = new long[1];
        TimerHandler count = (t, nowNs) -> firings[0]++;
        loop.execute(() -> {
            long start = loop.nowNs() + TimeUnit.MILLISECONDS.toNanos(20);
            for (int i = 0; i < timers; i++) {
                loop.newTimer(count).schedulePeriodic(start + i * periodNs / timers, periodNs);
            }
        });
        loop.start();
        Thread.sleep((long) (warmupS * 1000));

        Sample before = onLoop(loop, () -> {
            loop.lateness().reset();
            loop.cycleWork().reset();
            return Sample.take(loop, firings[0]);
        });
        long gcBefore = collections();
        Thread.sleep((long) (seconds * 1000));
        LatenessStats stats = new LatenessStats();
        LatenessStats cycles = new LatenessStats();
        Sample after = onLoop(loop, () -> {
            loop.lateness().copyInto(stats);
            loop.cycleWork().copyInto(cycles);
            return Sample.take(loop, firings[0]);
        });
        long gcs = collections() - gcBefore;
        loop.close();

        long fired = after.firings - before.firings;
        double wallS = (after.wallNs - before.wallNs) / 1e9;
        System.out.printf("timers=%d period=%dms measured=%.1fs firings=%d (%.0f/s) missed=%d"
                        + " p50=%.1fus p99=%.1fus p99.9=%.1fus max=%.1fus mean=%.1fus"
                        + " loop-cpu=%.1f%% alloc/firing=%.1fB gcs=%d cycles=%d cycle-work-p99=%.1fus max=%.1fus%n",
                timers, TimeUnit.NANOSECONDS.toMillis(periodNs), wallS, fired, fired / wallS,
                after.missed - before.missed,
                us(stats.percentileNs(0.5)), us(stats.percentileNs(0.99)), us(stats.percentileNs(0.999)),
                us(stats.maxNs()), us(stats.meanNs()),
                100.0 * (after.cpuNs - before.cpuNs) / (after.wallNs - before.wallNs),
                fired == 0 ? 0.0 : (double) (after.allocatedBytes - before.allocatedBytes) / fired, gcs,
                cycles.count(), us(cycles.percentileNs(0.99)), us(cycles.maxNs()));
    }

    private static double us(long ns) {
        return ns / 1e3;
    }

    private static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static <T> T onLoop(EventLoop loop, java.util.concurrent.Callable<T> call) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(call.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    /** Counters read on the loop thread at one instant. */
    private record Sample(long firings, long missed, long wallNs, long cpuNs, long allocatedBytes) {
        static Sample take(EventLoop loop, long firings) {
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            return new Sample(firings, loop.timers().missedPeriods(), System.nanoTime(),
                    threads.getCurrentThreadCpuTime(), threads.getCurrentThreadAllocatedBytes());
        }
    }
}
