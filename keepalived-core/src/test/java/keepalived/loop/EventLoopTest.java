package keepalived.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import keepalived.sys.LinuxConstants;
import keepalived.sys.Native;
import keepalived.sys.NativeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real loop over epoll, eventfd and timerfd (no root needed). Waits are bounded, never
 * asserted on: these tests check what ran, where and in which order, not how fast.
 */
class EventLoopTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final String NAME = "test-loop";

    private EventLoop loop;
    private final List<Integer> openFds = new ArrayList<>();

    @BeforeEach
    void open() throws NativeException {
        loop = new EventLoop(NAME);
    }

    @AfterEach
    void close() throws Exception {
        loop.close();
        for (int fd : openFds) {
            Native.close(fd);
        }
    }

    private int eventfd() throws NativeException {
        int fd = Native.eventfd(0, LinuxConstants.EFD_NONBLOCK | LinuxConstants.EFD_CLOEXEC);
        openFds.add(fd);
        return fd;
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> call) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(5, TimeUnit.SECONDS);
    }

    @Test
    void shouldRunTheReadHandlerOnTheLoopThreadWhenTheFdBecomesReadable() throws Exception {
        int fd = eventfd();
        CompletableFuture<String> seen = new CompletableFuture<>();
        loop.register(fd, events -> {
            long value = Native.read8(fd);
            seen.complete(Thread.currentThread().getName() + " read " + value
                    + ((events & LinuxConstants.EPOLLIN) != 0 ? " on EPOLLIN" : ""));
        });
        loop.start();
        Native.write8(fd, 42);
        assertEquals(NAME + " read 42 on EPOLLIN", seen.get(5, TimeUnit.SECONDS));
    }

    @Test
    void shouldStopCallingACancelledRegistration() throws Exception {
        int fd = eventfd();
        int other = eventfd();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch otherRead = new CountDownLatch(1);
        EventLoop.Registration r = loop.register(fd, events -> calls.incrementAndGet());
        loop.register(other, events -> {
            Native.read8(other);
            otherRead.countDown();
        });
        loop.start();
        onLoop(() -> {
            r.cancel();
            return null;
        });
        Native.write8(fd, 1);
        Native.write8(other, 1);
        assertTrue(otherRead.await(5, TimeUnit.SECONDS));
        // the loop handled `other` after `fd` became readable: a live registration would have run too
        assertEquals(0, onLoop(calls::get));
        assertFalse(r.isActive());
    }

    @Test
    void shouldRunTasksFromOtherThreadsOnTheLoopThreadInSubmissionOrder() throws Exception {
        loop.start();
        int producers = 4;
        int perProducer = 2_000;
        List<List<Integer>> received = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            received.add(new ArrayList<>());
        }
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(producers * perProducer);
        List<Thread> started = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread t = new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    int n = i;
                    loop.execute(() -> {
                        received.get(producer).add(n); // loop-thread-only state, no lock
                        if (!Thread.currentThread().getName().equals(NAME)) {
                            threads.add(Thread.currentThread().getName());
                        }
                        done.countDown();
                    });
                }
            });
            started.add(t);
            t.start();
        }
        for (Thread t : started) {
            t.join();
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of(), threads);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < perProducer; i++) {
            expected.add(i);
        }
        for (List<Integer> fromOne : onLoop(() -> new ArrayList<>(received))) {
            assertEquals(expected, fromOne);
        }
    }

    @Test
    void shouldFireTimersInDeadlineOrderAndRecordTheirLateness() throws Exception {
        List<Integer> order = new ArrayList<>();
        CompletableFuture<List<Integer>> done = new CompletableFuture<>();
        long now = System.nanoTime();
        int[] delaysMs = {25, 5, 15, 10, 20};
        for (int d : delaysMs) {
            loop.newTimer((t, nowNs) -> {
                order.add(d);
                if (order.size() == delaysMs.length) {
                    done.complete(new ArrayList<>(order));
                }
            }).scheduleAt(now + d * MS);
        }
        loop.start();
        assertEquals(List.of(5, 10, 15, 20, 25), done.get(5, TimeUnit.SECONDS));
        assertEquals(5L, onLoop(() -> loop.lateness().count()));
        assertTrue(onLoop(() -> loop.cycleWork().count()) >= 1);
    }

    @Test
    void shouldFireAPeriodicTimerOnItsPhaseGrid() throws Exception {
        long period = 2 * MS;
        CountDownLatch ticks = new CountDownLatch(20);
        List<Long> deadlines = new ArrayList<>();
        long first = System.nanoTime() + 5 * MS;
        loop.start();
        loop.execute(() -> loop.newTimer((t, nowNs) -> {
            deadlines.add(t.deadlineNs() - t.periodNs());
            if (deadlines.size() == 20) {
                t.cancel();
            }
            ticks.countDown();
        }).schedulePeriodic(first, period));
        assertTrue(ticks.await(5, TimeUnit.SECONDS));
        List<Long> fired = onLoop(() -> new ArrayList<>(deadlines));
        long missed = onLoop(() -> loop.timers().missedPeriods());
        // every deadline is first + k * period: no drift, whatever the wake-up latency was
        for (int i = 1; i < fired.size(); i++) {
            assertEquals(0, (fired.get(i) - first) % period);
            assertTrue(fired.get(i) > fired.get(i - 1));
        }
        assertEquals(first + (19 + missed) * period, fired.get(fired.size() - 1));
        assertTrue(onLoop(() -> loop.timers().isEmpty()));
    }

    @Test
    void shouldKeepRunningAfterAHandlerThrows() throws Exception {
        loop.start();
        loop.execute(() -> {
            throw new IllegalStateException("expected by the test");
        });
        loop.execute(() -> loop.newTimer((t, now) -> {
            throw new IllegalStateException("expected by the test");
        }).scheduleAt(loop.nowNs()));
        CompletableFuture<Boolean> timerAfter = new CompletableFuture<>();
        loop.execute(() -> loop.newTimer((t, now) -> timerAfter.complete(true)).scheduleAt(loop.nowNs() + MS));
        assertTrue(timerAfter.get(5, TimeUnit.SECONDS));
        assertEquals(2L, onLoop(loop::handlerFailures));
    }

    @Test
    void shouldRunOnTheCallingThreadUntilATaskShutsItDown() throws Exception {
        List<String> ran = new ArrayList<>();
        loop.execute(() -> ran.add(Thread.currentThread().getName()));
        loop.execute(loop::shutdown);
        loop.run(); // returns once the loop has stopped
        assertEquals(List.of(Thread.currentThread().getName()), ran);
        assertTrue(loop.isTerminated());
    }

    @Test
    void shouldCountAReadHandlerThatThrowsAndKeepServingTheFd() throws Exception {
        int fd = eventfd();
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch firstRead = new CountDownLatch(1);
        CountDownLatch secondRead = new CountDownLatch(1);
        loop.register(fd, events -> {
            Native.read8(fd);
            (reads.incrementAndGet() == 1 ? firstRead : secondRead).countDown();
            throw new java.io.IOException("expected by the test");
        });
        loop.start();
        Native.write8(fd, 1);
        assertTrue(firstRead.await(5, TimeUnit.SECONDS));
        // the second write is only read if the loop survived the first exception
        Native.write8(fd, 1);
        assertTrue(secondRead.await(5, TimeUnit.SECONDS));
        assertEquals(2L, onLoop(loop::handlerFailures));
    }

    @Test
    void shouldRunQueuedTasksOnShutdownAndRefuseLaterOnes() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        loop.start();
        loop.execute(() -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < 100; i++) {
            loop.execute(ran::incrementAndGet);
        }
        loop.shutdown();
        assertThrows(RejectedExecutionException.class, () -> loop.execute(ran::incrementAndGet));
        gate.countDown();
        assertTrue(loop.awaitTermination(5, TimeUnit.SECONDS));
        assertEquals(100, ran.get());
        assertTrue(loop.isTerminated());
    }

    @Test
    void shouldTerminateWhenShutDownBeforeItStarted() throws Exception {
        loop.shutdown();
        assertTrue(loop.awaitTermination(1, TimeUnit.SECONDS));
        assertThrows(RejectedExecutionException.class, () -> loop.execute(() -> { }));
    }

    @Test
    void shouldRefuseRegistrationFromAnotherThread() throws Exception {
        int fd = eventfd();
        loop.start();
        onLoop(() -> null); // the loop thread owns the loop from here on
        assertThrows(IllegalStateException.class, () -> loop.register(fd, events -> { }));
        assertThrows(IllegalStateException.class, () -> loop.newTimer((t, now) -> { }).scheduleAt(0));
    }

    @Test
    void shouldCloseItsOwnDescriptorsOnTermination() throws Exception {
        int before = openDescriptors();
        EventLoop other = new EventLoop("fd-check");
        other.start();
        assertTrue(openDescriptors() >= before + 3);
        other.close();
        assertEquals(before, openDescriptors());
    }

    private static int openDescriptors() {
        String[] fds = new java.io.File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length - 1; // list() itself holds one open
    }
}
