package keepalived.loop;

/**
 * A reusable timer handle: made once per purpose (an instance's advert timer, its master-down
 * timer) and rescheduled for ever after, so firing and rescheduling allocate nothing.
 *
 * <p>Deadlines are absolute monotonic nanoseconds. A periodic timer's next deadline is its
 * previous deadline plus the period, never "now plus the period", so lateness in one cycle
 * does not shift the next: adverts keep their phase however late the loop wakes.
 *
 * <p>Not thread-safe: use it only on the thread that owns its {@link TimerQueue}.
 */
public final class Timer {
    final TimerQueue queue;
    final TimerHandler handler;
    long deadlineNs;
    long periodNs;
    long sequence;
    int heapIndex = -1;

    Timer(TimerQueue queue, TimerHandler handler) {
        this.queue = queue;
        this.handler = handler;
    }

    /** Fires once at {@code deadlineNs}; replaces any earlier schedule, periodic or not. */
    public Timer scheduleAt(long deadlineNs) {
        queue.schedule(this, deadlineNs, 0);
        return this;
    }

    /** Fires at {@code firstDeadlineNs}, then every {@code periodNs} after that deadline. */
    public Timer schedulePeriodic(long firstDeadlineNs, long periodNs) {
        if (periodNs <= 0) {
            throw new IllegalArgumentException("period must be positive: " + periodNs);
        }
        queue.schedule(this, firstDeadlineNs, periodNs);
        return this;
    }

    /** Stops the timer; harmless when it is not scheduled. */
    public void cancel() {
        queue.cancel(this);
    }

    public boolean isScheduled() {
        return heapIndex >= 0;
    }

    /** The next deadline; inside the handler of a periodic timer it is already the following one. */
    public long deadlineNs() {
        return deadlineNs;
    }

    /** The period, or 0 for a one-shot timer. */
    public long periodNs() {
        return periodNs;
    }

    @Override
    public String toString() {
        return "Timer[deadlineNs=" + deadlineNs + ", periodNs=" + periodNs
                + (isScheduled() ? "" : ", idle") + "]";
    }
}
