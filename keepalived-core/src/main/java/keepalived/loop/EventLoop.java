package keepalived.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import keepalived.sys.LinuxConstants;
import keepalived.sys.Native;
import keepalived.sys.NativeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single thread of a child process: it sleeps in epoll_wait until a registered fd is
 * readable, the earliest timer is due (a timerfd armed at its absolute deadline, so wake-ups
 * have nanosecond resolution) or another thread hands it work through {@link #execute}.
 *
 * <p>Each cycle reads the clock once, then runs ready fd handlers, due timers (recording their
 * lateness) and queued tasks, in that order, and re-arms the timerfd. All state belongs to the
 * loop thread: fds, timers and whatever the handlers touch; other threads only
 * {@link #execute} (a queue plus an eventfd wake-up) and {@link #shutdown}.
 *
 * <p>Registration and timers may also be set up before {@link #start()} by the constructing
 * thread. A handler that throws is logged and counted; the loop carries on.
 *
 * <p>The loop thread inherits the network namespace of the thread that calls {@link #start()}.
 */
public final class EventLoop implements Executor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

    private static final int MAX_EVENTS = 64;
    private static final int MAX_TIMERS_PER_CYCLE = 1024;
    private static final int MAX_TASKS_PER_CYCLE = 1024;
    private static final long WAKEUP_DATA = -1L;
    private static final long TIMER_DATA = -2L;
    private static final int READ_EVENTS = LinuxConstants.EPOLLIN;

    private enum State { NEW, RUNNING, SHUTTING_DOWN, TERMINATED }

    private final String name;
    private final NanoClock clock;
    private final int epollFd;
    private final int wakeupFd;
    /** Where the eventfd counter is read into on each wake-up, allocated once. */
    private final jnr.ffi.Pointer wakeupCount = jnr.ffi.Memory.allocateDirect(Native.runtime(), 8);
    private final TimerFd timerFd;
    private final ByteBuffer events = ByteBuffer.allocateDirect(MAX_EVENTS * LinuxConstants.EPOLL_EVENT_SIZE)
            .order(ByteOrder.nativeOrder());
    private final TimerQueue timers = new TimerQueue();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final Object lock = new Object();
    private final CountDownLatch terminated = new CountDownLatch(1);

    private Registration[] registrations = new Registration[16];
    private int nextGeneration = 1;
    private long armedDeadlineNs;
    private boolean armed;
    private long nowNs;
    private long handlerFailures;
    private final LatenessStats cycleWork = new LatenessStats();
    private volatile Thread thread;
    /**
     * Diagnostics (-Dkeepalived.loop.stallMillis=N): a probe thread logs the loop thread's stack
     * when one cycle has run N ms without returning to epoll_wait. 0 (the default) costs nothing.
     */
    private static final long STALL_PROBE_NS = Long.getLong("keepalived.loop.stallMillis", 0) * 1_000_000L;
    private volatile long cycleStartNs;
    private volatile State state = State.NEW; // written under lock

    /** Opens the epoll set, the wake-up eventfd and the timerfd; the loop runs after {@link #start()}. */
    public EventLoop(String name) throws NativeException {
        this(name, NanoClock.SYSTEM);
    }

    /**
     * @param clock must count CLOCK_MONOTONIC nanoseconds (the timerfd sleeps on that clock);
     *              logic under test takes a {@link TimerQueue} and a {@link ManualNanoClock} instead
     */
    EventLoop(String name, NanoClock clock) throws NativeException {
        this.name = name;
        this.clock = clock;
        int ep = Native.epollCreate();
        int wake = -1;
        TimerFd tfd = null;
        try {
            wake = Native.eventfd(0, LinuxConstants.EFD_NONBLOCK | LinuxConstants.EFD_CLOEXEC);
            tfd = new TimerFd();
            Native.epollCtl(ep, LinuxConstants.EPOLL_CTL_ADD, wake, READ_EVENTS, WAKEUP_DATA);
            Native.epollCtl(ep, LinuxConstants.EPOLL_CTL_ADD, tfd.fd(), READ_EVENTS, TIMER_DATA);
        } catch (NativeException | RuntimeException e) {
            closeQuietly(tfd == null ? -1 : tfd.fd());
            closeQuietly(wake);
            closeQuietly(ep);
            throw e;
        }
        this.epollFd = ep;
        this.wakeupFd = wake;
        this.timerFd = tfd;
        this.nowNs = clock.nanoTime();
    }

    /** Runs the loop on a new (non-daemon) thread named after the loop. */
    public EventLoop start() {
        Thread t = new Thread(this::run, name);
        synchronized (lock) {
            if (state != State.NEW || thread != null) {
                throw new IllegalStateException(name + " already started");
            }
            thread = t;
        }
        timers.owner(t); // from here on only the loop thread touches timers
        t.start();
        return this;
    }

    /**
     * Runs the loop on the calling thread until {@link #shutdown()}; for embedding and tests.
     * Only a failing epoll_wait, eventfd or timerfd ends it early (an UncheckedIOException).
     */
    public void run() {
        synchronized (lock) {
            Thread me = Thread.currentThread();
            boolean mine = thread == null || thread == me;
            // NEW, or shut down between start() and this thread getting here: run to drain the tasks
            boolean runnable = state == State.NEW || state == State.SHUTTING_DOWN && thread == me;
            if (!mine || !runnable) {
                throw new IllegalStateException(name + " is " + state + " on " + thread);
            }
            if (state == State.NEW) {
                state = State.RUNNING;
            }
            thread = me;
        }
        timers.owner(Thread.currentThread());
        if (STALL_PROBE_NS > 0) {
            StallProbe.start(this, Thread.currentThread(), STALL_PROBE_NS);
        }
        try {
            loop();
        } catch (NativeException e) {
            LOG.error("{}: event loop failed", name, e);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            LOG.error("{}: event loop failed", name, e);
            throw e;
        } finally {
            terminate();
        }
    }

    /** When the cycle now running started (System.nanoTime), 0 while waiting; stall probe only. */
    long cycleStartNs() {
        return cycleStartNs;
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** The clock reading of the current cycle (read once per wake-up, as timers see it). */
    public long nowNs() {
        return nowNs;
    }

    /** The loop's timers: {@code timers().newTimer(handler).scheduleAt(deadlineNs)}, on the loop thread. */
    public TimerQueue timers() {
        return timers;
    }

    /** Shortcut for {@code timers().newTimer(handler)}. */
    public Timer newTimer(TimerHandler handler) {
        return timers.newTimer(handler);
    }

    /** How late timers fired; read it on the loop thread (or copy it there). */
    public LatenessStats lateness() {
        return timers.lateness();
    }

    /**
     * How long each cycle's work took, from waking to going back to sleep (Aeron's duty-cycle
     * measure): a handler that blocks shows here before it shows as timer lateness. Loop thread.
     */
    public LatenessStats cycleWork() {
        return cycleWork;
    }

    /** Handlers, timers and tasks that threw (each was logged). */
    public long handlerFailures() {
        return handlerFailures;
    }

    /**
     * Calls {@code handler} on the loop thread whenever {@code fd} is readable, until the
     * registration is cancelled. The loop never closes {@code fd}: its owner does, after cancelling.
     */
    public Registration register(int fd, ReadHandler handler) throws NativeException {
        checkLoopThread();
        int slot = freeSlot();
        Registration r = new Registration(fd, slot, nextGeneration++ & Integer.MAX_VALUE, handler);
        Native.epollCtl(epollFd, LinuxConstants.EPOLL_CTL_ADD, fd, READ_EVENTS, r.data());
        registrations[slot] = r;
        return r;
    }

    /**
     * Runs {@code task} on the loop thread, after the current cycle's fds and timers; tasks run in
     * submission order. Safe from any thread; refused once shutdown started (except from the loop).
     */
    @Override
    public void execute(Runnable task) {
        if (task == null) {
            throw new NullPointerException("task");
        }
        if (inLoop()) {
            if (state == State.TERMINATED) {
                throw new RejectedExecutionException(name + " is terminated");
            }
            tasks.add(task);
            return;
        }
        synchronized (lock) {
            if (state != State.NEW && state != State.RUNNING) {
                throw new RejectedExecutionException(name + " is " + state.name().toLowerCase().replace('_', ' '));
            }
            tasks.add(task);
            wakeup();
        }
    }

    /** Asks the loop to stop: queued tasks still run, timers and fds are dropped. Any thread. */
    public void shutdown() {
        boolean neverRan;
        synchronized (lock) {
            neverRan = state == State.NEW && thread == null;
            if (state == State.NEW || state == State.RUNNING) {
                state = State.SHUTTING_DOWN;
                if (!neverRan) {
                    wakeup();
                }
            }
        }
        if (neverRan) {
            terminate();
        }
    }

    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    /** {@link #shutdown()}, then waits for the loop to end (unless called from the loop itself). */
    @Override
    public void close() {
        shutdown();
        if (!inLoop()) {
            try {
                terminated.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "EventLoop[" + name + "]";
    }

    private void loop() throws NativeException {
        int timeoutMs = 0;
        while (true) {
            if (STALL_PROBE_NS > 0) {
                cycleStartNs = 0;
            }
            int n = Native.epollWait(epollFd, events, MAX_EVENTS, timeoutMs);
            nowNs = clock.nanoTime();
            if (STALL_PROBE_NS > 0) {
                cycleStartNs = System.nanoTime();
            }
            dispatch(n);
            boolean moreTimers = fireTimers() == MAX_TIMERS_PER_CYCLE;
            boolean moreTasks = runTasks();
            if (!moreTasks && shuttingDown()) {
                return;
            }
            armTimerFd();
            cycleWork.record(clock.nanoTime() - nowNs);
            timeoutMs = moreTimers || moreTasks ? 0 : -1;
        }
    }

    private void dispatch(int n) throws NativeException {
        for (int i = 0; i < n; i++) {
            int at = i * LinuxConstants.EPOLL_EVENT_SIZE;
            int ev = events.getInt(at);
            long data = events.getLong(at + 4);
            if (data == TIMER_DATA) {
                timerFd.drain();
                armed = false; // a one-shot absolute timerfd is spent once it fired
            } else if (data == WAKEUP_DATA) {
                Native.read(wakeupFd, wakeupCount, 8); // native memory: a wake-up allocates nothing
            } else {
                Registration r = registrations[(int) data];
                // a handler earlier in this batch may have cancelled it (or reused its slot)
                if (r != null && r.data() == data) {
                    try {
                        r.handler.onReadable(ev);
                    } catch (Throwable e) {
                        failed("read handler for fd " + r.fd, e);
                    }
                }
            }
        }
    }

    private int fireTimers() {
        int fired = 0;
        while (true) {
            try {
                fired += timers.poll(nowNs, MAX_TIMERS_PER_CYCLE - fired);
                return fired;
            } catch (Throwable e) {
                fired++; // the throwing timer was taken off (or rescheduled) before it ran
                failed("timer", e);
            }
        }
    }

    /** Runs queued tasks; true when more remain than one cycle may run. */
    private boolean runTasks() {
        wakeupPending.set(false);
        for (int i = 0; i < MAX_TASKS_PER_CYCLE; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                return false;
            }
            try {
                task.run();
            } catch (Throwable e) {
                failed("task", e);
            }
        }
        return !tasks.isEmpty();
    }

    private void armTimerFd() throws NativeException {
        if (timers.isEmpty()) {
            if (armed) {
                timerFd.disarm();
                armed = false;
            }
            return;
        }
        long next = timers.nextDeadlineNs();
        if (!armed || next != armedDeadlineNs) {
            timerFd.armAt(next);
            armedDeadlineNs = next;
            armed = true;
        }
    }

    /** Caller holds {@link #lock}. */
    private void wakeup() {
        if (wakeupPending.compareAndSet(false, true)) {
            try {
                Native.write8(wakeupFd, 1);
            } catch (NativeException e) {
                throw new UncheckedIOException(name + ": cannot wake the event loop", e);
            }
        }
    }

    private boolean shuttingDown() {
        return state == State.SHUTTING_DOWN;
    }

    private void terminate() {
        synchronized (lock) {
            state = State.TERMINATED;
            tasks.clear();
            closeQuietly(timerFd.fd());
            closeQuietly(wakeupFd);
            closeQuietly(epollFd);
        }
        Arrays.fill(registrations, null);
        terminated.countDown();
    }

    private void failed(String what, Throwable e) {
        handlerFailures++;
        LOG.error("{}: {} failed", name, what, e);
        if (e instanceof Error && !(e instanceof AssertionError) && !(e instanceof StackOverflowError)) {
            throw (Error) e;
        }
    }

    private void checkLoopThread() {
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            throw new IllegalStateException(name + ": use the loop from its own thread (execute() hands work over)");
        }
    }

    private int freeSlot() {
        for (int i = 0; i < registrations.length; i++) {
            if (registrations[i] == null) {
                return i;
            }
        }
        int slot = registrations.length;
        registrations = Arrays.copyOf(registrations, slot * 2);
        return slot;
    }

    private static void closeQuietly(int fd) {
        if (fd < 0) {
            return;
        }
        try {
            Native.close(fd);
        } catch (NativeException e) {
            LOG.warn("close: {}", e.getMessage());
        }
    }

    /** Read interest in one fd; {@link #cancel()} it before closing the fd. */
    public final class Registration {
        private final int fd;
        private final int slot;
        private final int generation;
        private final ReadHandler handler;

        private Registration(int fd, int slot, int generation, ReadHandler handler) {
            this.fd = fd;
            this.slot = slot;
            this.generation = generation;
            this.handler = handler;
        }

        public int fd() {
            return fd;
        }

        public boolean isActive() {
            return registrations[slot] == this;
        }

        /** Stops calling the handler (even for events already returned in this cycle). Loop thread. */
        public void cancel() throws NativeException {
            checkLoopThread();
            if (registrations[slot] != this) {
                return;
            }
            registrations[slot] = null;
            Native.epollCtl(epollFd, LinuxConstants.EPOLL_CTL_DEL, fd, 0, 0);
        }

        long data() {
            return (long) generation << 32 | slot;
        }
    }
}
