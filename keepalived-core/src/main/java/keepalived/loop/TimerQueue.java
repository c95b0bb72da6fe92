package keepalived.loop;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Timers ordered by absolute deadline in a binary heap: O(log n) schedule, cancel and
 * reschedule, O(1) peek at the next deadline (what the event loop arms its timerfd with).
 *
 * <p>A heap rather than a timer wheel because a wheel rounds deadlines to its tick, and
 * VRRPv3 adverts can be 10 ms apart (keepalived keeps its timers in an rbtree for the same
 * reason). Timers with equal deadlines fire in the order they were scheduled.
 *
 * <p>Every firing records its lateness ({@code now - deadline}) in {@link #lateness()}.
 * A periodic timer that fell more than a period behind (a stalled loop, a suspended VM) skips
 * the periods it missed rather than firing a burst, keeps its phase, and counts them in
 * {@link #missedPeriods()}.
 *
 * <p>Not thread-safe: one owner thread (the event loop's) schedules and polls. When an owner
 * is set every call from another thread fails, which catches cross-thread misuse early.
 */
public final class TimerQueue {
    private Timer[] heap = new Timer[64];
    private int size;
    private long nextSequence;
    private long missedPeriods;
    private final LatenessStats lateness = new LatenessStats();
    private long lateThresholdNs = Long.MAX_VALUE;
    private LongConsumer onLate;
    private volatile Thread owner;

    /** A new, unscheduled timer bound to this queue. */
    public Timer newTimer(TimerHandler handler) {
        if (handler == null) {
            throw new NullPointerException("handler");
        }
        return new Timer(this, handler);
    }

    /** From now on only {@code thread} may use this queue (null lifts the restriction). */
    public void owner(Thread thread) {
        this.owner = thread;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The earliest deadline; only meaningful when the queue is not empty. */
    public long nextDeadlineNs() {
        if (size == 0) {
            throw new IllegalStateException("no timers");
        }
        return heap[0].deadlineNs;
    }

    public LatenessStats lateness() {
        return lateness;
    }

    /**
     * Calls {@code action} with the lateness of every firing later than {@code thresholdNs}
     * (before the timer's handler runs); keepalived's max_auto_priority hangs on this.
     */
    public void lateWatch(long thresholdNs, LongConsumer action) {
        checkOwner();
        this.lateThresholdNs = thresholdNs;
        this.onLate = action;
    }

    /** Periods that periodic timers skipped because they fired more than a period late. */
    public long missedPeriods() {
        return missedPeriods;
    }

    /**
     * Fires, in deadline order, every timer due at {@code nowNs}, at most {@code limit} of them
     * (a handler that keeps rescheduling itself into the past cannot starve the loop).
     * A periodic timer is put back before its handler runs, so the handler may cancel or
     * reschedule it. An exception from a handler propagates; the queue stays consistent and
     * the next poll carries on.
     *
     * @return the number of timers fired
     */
    public int poll(long nowNs, int limit) {
        checkOwner();
        int fired = 0;
        while (size > 0 && fired < limit) {
            Timer t = heap[0];
            long deadlineNs = t.deadlineNs;
            if (deadlineNs - nowNs > 0) {
                break;
            }
            removeAt(0);
            fired++;
            lateness.record(nowNs - deadlineNs);
            if (nowNs - deadlineNs > lateThresholdNs) {
                onLate.accept(nowNs - deadlineNs);
            }
            if (t.periodNs > 0) {
                long next = deadlineNs + t.periodNs;
                if (next - nowNs < 0) {
                    long behind = nowNs - next;
                    long skipped = (behind + t.periodNs - 1) / t.periodNs;
                    next += skipped * t.periodNs;
                    missedPeriods += skipped;
                }
                t.deadlineNs = next;
                t.sequence = nextSequence++;
                insert(t);
            }
            t.handler.onTimer(t, nowNs);
        }
        return fired;
    }

    void schedule(Timer t, long deadlineNs, long periodNs) {
        checkOwner();
        if (t.queue != this) {
            throw new IllegalArgumentException("timer belongs to another queue");
        }
        if (t.heapIndex >= 0) {
            removeAt(t.heapIndex);
        }
        t.deadlineNs = deadlineNs;
        t.periodNs = periodNs;
        t.sequence = nextSequence++;
        insert(t);
    }

    void cancel(Timer t) {
        checkOwner();
        if (t.heapIndex >= 0) {
            removeAt(t.heapIndex);
        }
    }

    private void checkOwner() {
        Thread o = owner;
        if (o != null && o != Thread.currentThread()) {
            throw new IllegalStateException("timers belong to thread " + o.getName()
                    + ", used from " + Thread.currentThread().getName());
        }
    }

    private void insert(Timer t) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        siftUp(size++, t);
    }

    private void removeAt(int i) {
        Timer removed = heap[i];
        removed.heapIndex = -1;
        Timer last = heap[--size];
        heap[size] = null;
        if (i == size) {
            return;
        }
        siftDown(i, last);
        if (heap[i] == last) {
            siftUp(i, last);
        }
    }

    private void siftUp(int i, Timer t) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Timer p = heap[parent];
            if (!before(t, p)) {
                break;
            }
            place(i, p);
            i = parent;
        }
        place(i, t);
    }

    private void siftDown(int i, Timer t) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && before(heap[right], heap[child])) {
                child = right;
            }
            if (!before(heap[child], t)) {
                break;
            }
            place(i, heap[child]);
            i = child;
        }
        place(i, t);
    }

    private void place(int i, Timer t) {
        heap[i] = t;
        t.heapIndex = i;
    }

    /** Deadline order, overflow-safe; scheduling order breaks ties. */
    private static boolean before(Timer a, Timer b) {
        long d = a.deadlineNs - b.deadlineNs;
        if (d != 0) {
            return d < 0;
        }
        return a.sequence - b.sequence < 0;
    }
}
