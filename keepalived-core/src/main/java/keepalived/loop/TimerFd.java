package keepalived.loop;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import keepalived.sys.Native;
import keepalived.sys.NativeException;

/**
 * A timerfd on CLOCK_MONOTONIC armed at absolute deadlines: how the event loop sleeps in
 * epoll_wait with nanosecond wake-ups (epoll_wait's own timeout is whole milliseconds, too
 * coarse for 10 ms VRRPv3 adverts). Absolute deadlines on the same clock as
 * {@link System#nanoTime()} mean no "now + delay" arithmetic and no drift.
 */
final class TimerFd implements AutoCloseable {
    /** linux/time.h, sys/timerfd.h (x86_64). */
    private static final int CLOCK_MONOTONIC = 1;
    private static final int TFD_NONBLOCK = 0x800;
    private static final int TFD_CLOEXEC = 0x80000;
    private static final int TFD_TIMER_ABSTIME = 1;
    private static final long NS_PER_S = 1_000_000_000L;

    private final int fd;
    private final Pointer expirations = Memory.allocateDirect(Native.runtime(), 8);
    private final byte[] spec = new byte[32];
    private final ByteBuffer specView = ByteBuffer.wrap(spec).order(ByteOrder.nativeOrder());

    TimerFd() throws NativeException {
        fd = Native.timerfdCreate(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    }

    int fd() {
        return fd;
    }

    /**
     * Fires once at {@code deadlineNs} (CLOCK_MONOTONIC); a deadline already past fires at once.
     * A deadline of 0 or less would disarm the timer, so it is moved to 1 ns.
     */
    void armAt(long deadlineNs) throws NativeException {
        long d = Math.max(1, deadlineNs);
        set(TFD_TIMER_ABSTIME, d / NS_PER_S, d % NS_PER_S);
    }

    void disarm() throws NativeException {
        set(0, 0, 0);
    }

    /**
     * Clears the expiry count so level-triggered epoll stops reporting it; reads into native
     * memory made once, so a wake-up allocates nothing. False when there was nothing to read.
     */
    boolean drain() throws NativeException {
        return Native.read(fd, expirations, 8) == 8;
    }

    private void set(int flags, long sec, long nsec) throws NativeException {
        specView.putLong(0, 0).putLong(8, 0).putLong(16, sec).putLong(24, nsec);
        Native.timerfdSetTime(fd, flags, spec);
    }

    @Override
    public void close() throws NativeException {
        Native.close(fd);
    }
}
