package keepalived.loop;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Diagnostics for timing work: samples an event loop every millisecond and, when one cycle has
 * run longer than the threshold without going back to epoll_wait, logs the loop thread's stack
 * once for that cycle (and again every threshold while it lasts). Enabled only by
 * -Dkeepalived.loop.stallMillis=N; taking a stack needs a handshake, so never in production.
 */
final class StallProbe {
    private static final Logger LOG = LoggerFactory.getLogger(StallProbe.class);

    private StallProbe() {
    }

    static void start(EventLoop loop, Thread target, long thresholdNs) {
        Thread t = new Thread(() -> {
            long reported = 0;
            long last = System.nanoTime();
            while (target.isAlive()) {
                long start = loop.cycleStartNs();
                long now = System.nanoTime();
                if (now - last > thresholdNs) {
                    // this thread did not run either: the whole process (or its CPU) was held up
                    LOG.warn("{}: stall probe itself did not run for {} us", loop, (now - last) / 1000);
                }
                last = now;
                if (start != 0 && now - start > thresholdNs && now - reported > thresholdNs) {
                    reported = now;
                    String stack = Arrays.stream(target.getStackTrace()).limit(25).map(e -> "    at " + e)
                            .collect(Collectors.joining("\n"));
                    LOG.warn("{}: cycle running for {} us ({}):\n{}", loop, (now - start) / 1000, target.getState(),
                            stack);
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, target.getName() + "-stall-probe");
        t.setDaemon(true);
        t.start();
    }
}
