package keepalived.loop;

/** A clock that moves only when told to: time is a parameter of the test, not a sleep. */
public final class ManualNanoClock implements NanoClock {
    private long nowNs;

    public ManualNanoClock(long startNs) {
        this.nowNs = startNs;
    }

    @Override
    public long nanoTime() {
        return nowNs;
    }

    public void set(long nowNs) {
        this.nowNs = nowNs;
    }

    /** Moves the clock forward and returns the new time. */
    public long advance(long deltaNs) {
        if (deltaNs < 0) {
            throw new IllegalArgumentException("a monotonic clock cannot go back: " + deltaNs);
        }
        nowNs += deltaNs;
        return nowNs;
    }
}
