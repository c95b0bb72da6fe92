package keepalived.loop;

/**
 * A monotonic time source in nanoseconds, injected so that tests drive time by hand.
 *
 * <p>Values only mean something relative to each other: compare deadlines as
 * {@code deadlineNs - nowNs < 0}, never with {@code <}, so a wrap-around cannot reorder them.
 */
@FunctionalInterface
public interface NanoClock {
    /** The system clock: {@link System#nanoTime()}, which is CLOCK_MONOTONIC on Linux. */
    NanoClock SYSTEM = System::nanoTime;

    long nanoTime();
}
