package keepalived.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntConsumer;

import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real-time signals through signalfd(2): keepalived's JSON (SIGRTMIN+2 = 36) and STATS_CLEAR
 * (SIGRTMAX-1 = 63), which {@code sun.misc.Signal} cannot take. A signalfd only sees a signal
 * that every thread blocks, and a JVM's threads cannot all be made to block one after start; so
 * bin/keepalived blocks them before it execs java (threads inherit the mask, and so do the
 * children the watchdog starts). Without that mask (java started directly, tests) this is a
 * no-op logged at debug level, and those two signals keep their default action.
 *
 * <p>Also {@link #kill}, the one way to send HUP/USR1/USR2/RT signals to a child.
 */
public final class SignalFd {
    private static final Logger LOG = LoggerFactory.getLogger(SignalFd.class);

    /** SIGRTMIN+2 on glibc Linux: keepalived's JSON dump. */
    public static final int SIGJSON = 36;
    /** SIGRTMAX-1 on glibc Linux: keepalived's STATS_CLEAR. */
    public static final int SIGSTATS_CLEAR = 63;

    private static final int SFD_CLOEXEC = 0x80000;
    private static final int SIGINFO_SIZE = 128; // struct signalfd_siginfo

    /** libc calls this class needs. */
    public interface Lib {
        int signalfd(int fd, @In byte[] mask, int flags); // glibc passes the kernel's sigset size itself

        @ssize_t
        long read(int fd, @Out byte[] buf, @size_t long count);

        int kill(int pid, int sig);
    }

    private static final class Holder {
        static final Lib LIB = LibraryLoader.create(Lib.class).option(LibraryOption.SaveError, true).load("c");
    }

    private SignalFd() {
    }

    private static int errno() {
        return jnr.ffi.Runtime.getRuntime(Holder.LIB).getLastError();
    }

    /** kill(2); false if the process is gone. */
    public static boolean kill(long pid, int signum) {
        return Holder.LIB.kill((int) pid, signum) == 0;
    }

    /** Whether {@code signals} are blocked in this thread (so, from the launcher, in all of them). */
    public static boolean blocked(int... signals) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
                if (line.startsWith("SigBlk:")) {
                    long mask = Long.parseUnsignedLong(line.substring(7).strip(), 16);
                    for (int s : signals) {
                        if ((mask & (1L << (s - 1))) == 0) {
                            return false;
                        }
                    }
                    return true;
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("Cannot read the signal mask: {}", e.toString());
        }
        return false;
    }

    /**
     * Delivers {@code signals} to {@code handler} (signal number) from one small daemon thread, if
     * the launcher blocked them; returns whether it could.
     */
    public static boolean listen(IntConsumer handler, int... signals) {
        if (!blocked(signals)) {
            LOG.debug("Real-time signals are not blocked (java started without bin/keepalived): no signalfd");
            return false;
        }
        byte[] mask = new byte[128];
        for (int s : signals) {
            int bit = s - 1;
            mask[bit / 8] |= (byte) (1 << (bit % 8)); // sigset_t: little-endian longs, bit n-1 for signal n
        }
        int fd;
        try {
            fd = Holder.LIB.signalfd(-1, mask, SFD_CLOEXEC);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.debug("No signalfd: {}", e.toString());
            return false;
        }
        if (fd < 0) {
            LOG.debug("signalfd failed");
            return false;
        }
        Thread t = new Thread(() -> {
            byte[] info = new byte[SIGINFO_SIZE];
            while (true) {
                long n = Holder.LIB.read(fd, info, SIGINFO_SIZE);
                if (n == SIGINFO_SIZE) {
                    int signo = (info[0] & 0xff) | (info[1] & 0xff) << 8 | (info[2] & 0xff) << 16 | (info[3] & 0xff) << 24;
                    try {
                        handler.accept(signo);
                    } catch (RuntimeException e) {
                        LOG.warn("Signal {} handler failed: {}", signo, e.toString());
                    }
                } else if (n < 0 && errno() != Native.EINTR) {
                    LOG.debug("signalfd read failed, errno {}", errno());
                    return;
                }
            }
        }, "signalfd");
        t.setDaemon(true);
        t.start();
        return true;
    }
}
