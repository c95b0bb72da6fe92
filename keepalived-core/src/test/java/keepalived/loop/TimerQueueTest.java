package keepalived.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The deadline heap, driven by a hand-moved clock: order, cancel, reschedule, no drift, lateness. */
class TimerQueueTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ManualNanoClock clock = new ManualNanoClock(1_000 * MS);
    private final TimerQueue queue = new TimerQueue();
    private final List<String> fired = new ArrayList<>();

    private Timer named(String name) {
        return queue.newTimer((t, now) -> fired.add(name));
    }

    @Test
    void shouldFireInDeadlineOrderNotSchedulingOrder() {
        long t0 = clock.nanoTime();
        named("c").scheduleAt(t0 + 30 * MS);
        named("a").scheduleAt(t0 + 10 * MS);
        named("b").scheduleAt(t0 + 20 * MS);

        assertEquals(0, queue.poll(clock.advance(9 * MS), 100));
        assertEquals(t0 + 10 * MS, queue.nextDeadlineNs());
        assertEquals(3, queue.poll(clock.advance(100 * MS), 100));
        assertEquals(List.of("a", "b", "c"), fired);
        assertTrue(queue.isEmpty());
    }

    @Test
    void shouldReportFiringsLaterThanTheWatchThresholdBeforeTheHandlerRuns() {
        List<String> late = new java.util.ArrayList<>();
        queue.lateWatch(5 * MS, ns -> late.add("late " + ns / MS + " ms, fired " + fired));
        long t0 = clock.nanoTime();
        named("on time").scheduleAt(t0 + 10 * MS);
        named("4 ms late").scheduleAt(t0 + 20 * MS);
        named("7 ms late").scheduleAt(t0 + 30 * MS);
        queue.poll(clock.advance(10 * MS), 10);
        queue.poll(clock.advance(14 * MS), 10);
        queue.poll(clock.advance(13 * MS), 10);
        assertEquals(List.of("on time", "4 ms late", "7 ms late"), fired);
        assertEquals(List.of("late 7 ms, fired [on time, 4 ms late]"), late);
    }

    @Test
    void shouldFireEqualDeadlinesInSchedulingOrder() {
        long d = clock.nanoTime() + MS;
        for (String s : List.of("1", "2", "3", "4", "5")) {
            named(s).scheduleAt(d);
        }
        queue.poll(d, 100);
        assertEquals(List.of("1", "2", "3", "4", "5"), fired);
    }

    @Test
    void shouldFireATimerExactlyAtItsDeadline() {
        long d = clock.nanoTime() + 5 * MS;
        named("x").scheduleAt(d);
        assertEquals(0, queue.poll(d - 1, 10));
        assertEquals(1, queue.poll(d, 10));
    }

    @Test
    void shouldKeepRandomDeadlinesSortedThroughCancelsAndReschedules() {
        Random random = new Random(42);
        List<Long> firedDeadlines = new ArrayList<>();
        List<Timer> timers = new ArrayList<>();
        long t0 = clock.nanoTime();
        for (int i = 0; i < 2_000; i++) {
            Timer t = queue.newTimer((timer, now) -> firedDeadlines.add(timer.deadlineNs()));
            t.scheduleAt(t0 + random.nextInt(1_000_000));
            timers.add(t);
        }
        for (int i = 0; i < 500; i++) {
            timers.get(random.nextInt(timers.size())).cancel();
            timers.get(random.nextInt(timers.size())).scheduleAt(t0 + random.nextInt(1_000_000));
        }
        int scheduled = (int) timers.stream().filter(Timer::isScheduled).count();
        assertEquals(scheduled, queue.size());

        assertEquals(scheduled, queue.poll(t0 + 1_000_000, Integer.MAX_VALUE));
        List<Long> sorted = new ArrayList<>(firedDeadlines);
        sorted.sort(null);
        assertEquals(sorted, firedDeadlines);
    }

    @Test
    void shouldNotFireACancelledTimer() {
        long t0 = clock.nanoTime();
        Timer a = named("a").scheduleAt(t0 + MS);
        named("b").scheduleAt(t0 + 2 * MS);
        a.cancel();
        a.cancel();
        assertFalse(a.isScheduled());
        queue.poll(t0 + 10 * MS, 100);
        assertEquals(List.of("b"), fired);
    }

    @Test
    void shouldMoveARescheduledTimerRatherThanDuplicateIt() {
        long t0 = clock.nanoTime();
        Timer a = named("a").scheduleAt(t0 + 5 * MS);
        named("b").scheduleAt(t0 + 3 * MS);
        a.scheduleAt(t0 + MS);
        assertEquals(2, queue.size());
        queue.poll(t0 + 10 * MS, 100);
        assertEquals(List.of("a", "b"), fired);
    }

    @Test
    void shouldLetAHandlerCancelAnotherTimerDueInTheSamePoll() {
        long t0 = clock.nanoTime();
        Timer b = named("b");
        queue.newTimer((t, now) -> {
            fired.add("a");
            b.cancel();
        }).scheduleAt(t0 + MS);
        b.scheduleAt(t0 + 2 * MS);
        queue.poll(t0 + 10 * MS, 100);
        assertEquals(List.of("a"), fired);
    }

    @Test
    void shouldStopAfterTheLimitAndCarryOnNextPoll() {
        long t0 = clock.nanoTime();
        for (int i = 0; i < 5; i++) {
            named("t" + i).scheduleAt(t0 + i);
        }
        assertEquals(2, queue.poll(t0 + 10, 2));
        assertEquals(3, queue.poll(t0 + 10, 10));
        assertEquals(List.of("t0", "t1", "t2", "t3", "t4"), fired);
    }

    @Test
    void shouldKeepPeriodicDeadlinesOnThePhaseGridOver10000Periods() {
        long period = 10 * MS;
        long t0 = clock.nanoTime();
        long[] lastDeadline = new long[1];
        int[] count = new int[1];
        Timer t = queue.newTimer((timer, now) -> {
            count[0]++;
            lastDeadline[0] = timer.deadlineNs() - timer.periodNs();
        });
        t.schedulePeriodic(t0 + period, period);
        Random random = new Random(7);
        for (int i = 1; i <= 10_000; i++) {
            // wake up late by up to 3 ms each period: the next deadline must not move
            clock.set(t0 + i * period + random.nextInt((int) (3 * MS)));
            assertEquals(1, queue.poll(clock.nanoTime(), 100));
            assertEquals(t0 + i * period, lastDeadline[0]);
        }
        assertEquals(10_000, count[0]);
        assertEquals(t0 + 10_001 * period, t.deadlineNs());
        assertEquals(0, queue.missedPeriods());
        assertEquals(10_000, queue.lateness().count());
    }

    @Test
    void shouldSkipMissedPeriodsInsteadOfBurstingAndKeepThePhase() {
        long period = 10 * MS;
        long t0 = clock.nanoTime();
        Timer t = named("p").schedulePeriodic(t0 + period, period);
        // the loop stalls for 45 ms: deadlines 10, 20, 30, 40 are all past
        assertEquals(1, queue.poll(t0 + 45 * MS, 100));
        assertEquals(List.of("p"), fired);
        assertEquals(3, queue.missedPeriods());
        assertEquals(t0 + 50 * MS, t.deadlineNs());
        assertEquals(35 * MS, queue.lateness().maxNs());
    }

    @Test
    void shouldFireAgainInTheSamePollWhenTheNextPeriodIsDueExactlyNow() {
        long t0 = clock.nanoTime();
        named("p").schedulePeriodic(t0 + MS, MS);
        assertEquals(2, queue.poll(t0 + 2 * MS, 100));
        assertEquals(0, queue.missedPeriods());
    }

    @Test
    void shouldLetAPeriodicHandlerCancelOrTurnItselfIntoAOneShot() {
        long t0 = clock.nanoTime();
        Timer cancelling = queue.newTimer((t, now) -> t.cancel());
        cancelling.schedulePeriodic(t0 + MS, MS);
        Timer oneShot = queue.newTimer((t, now) -> {
            if (t.periodNs() > 0) {
                t.scheduleAt(now + 100 * MS);
            }
        });
        oneShot.schedulePeriodic(t0 + MS, MS);
        queue.poll(t0 + MS, 100);
        assertFalse(cancelling.isScheduled());
        assertEquals(0, oneShot.periodNs());
        assertEquals(t0 + 101 * MS, oneShot.deadlineNs());
    }

    @Test
    void shouldRecordHowLateEachTimerFired() {
        long t0 = clock.nanoTime();
        named("a").scheduleAt(t0 + MS);
        named("b").scheduleAt(t0 + 2 * MS);
        named("c").scheduleAt(t0 + 4 * MS);
        queue.poll(t0 + 4 * MS, 100);
        LatenessStats l = queue.lateness();
        assertEquals(3, l.count());
        assertEquals(3 * MS, l.maxNs());
        assertEquals((3 * MS + 2 * MS + 0) / 3, l.meanNs());
    }

    @Test
    void shouldStayConsistentWhenAHandlerThrows() {
        long t0 = clock.nanoTime();
        queue.newTimer((t, now) -> {
            throw new IllegalStateException("boom");
        }).scheduleAt(t0 + MS);
        named("after").scheduleAt(t0 + 2 * MS);
        assertThrows(IllegalStateException.class, () -> queue.poll(t0 + 5 * MS, 100));
        assertEquals(1, queue.poll(t0 + 5 * MS, 100));
        assertEquals(List.of("after"), fired);
    }

    @Test
    void shouldRefuseUseFromAnotherThreadOnceOwned() throws Exception {
        queue.owner(Thread.currentThread());
        Timer t = named("x");
        Throwable[] failure = new Throwable[1];
        Thread other = new Thread(() -> {
            try {
                t.scheduleAt(0);
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        other.start();
        other.join();
        assertTrue(failure[0] instanceof IllegalStateException, String.valueOf(failure[0]));
        t.scheduleAt(clock.nanoTime());
        assertTrue(t.isScheduled());
    }

    @Test
    void shouldOrderDeadlinesAcrossTheLongWrapAround() {
        long nearMax = Long.MAX_VALUE - 5;
        named("before-wrap").scheduleAt(nearMax);
        named("after-wrap").scheduleAt(nearMax + 10);
        assertEquals(2, queue.poll(nearMax + 20, 10));
        assertEquals(List.of("before-wrap", "after-wrap"), fired);
    }
}
