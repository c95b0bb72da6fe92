package keepalived.sys;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;
import jnr.ffi.types.u_int64_t;

/**
 * The one libc binding of keepalived-java: thin static wrappers over the system calls we need.
 * Every wrapper retries on EINTR and throws {@link NativeException} naming the call and errno, so
 * no caller ever inspects errno itself; EAGAIN is "try later" (documented per method), not an
 * error. Structures are passed as {@code byte[]} (built in native order, wire fields big-endian)
 * or, on per-packet paths, as direct buffers whose addresses are resolved once.
 */
public final class Native {
    /** errno values (asm-generic/errno-base.h, errno.h) the wrappers treat specially. */
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;

    private static final int F_GETFL = 3; // fcntl.h
    private static final int F_SETFL = 4;
    private static final int O_NONBLOCK = 0x800;

    private Native() {
    }

    /** libc, in C's own words; only the calls keepalived needs. */
    public interface LibC {
        int socket(int domain, int type, int protocol);

        int bind(int fd, @In byte[] addr, int addrlen);

        int connect(int fd, @In byte[] addr, int addrlen);

        int getsockname(int fd, @In @Out byte[] addr, @In @Out int[] addrlen);

        int close(int fd);

        @ssize_t long sendto(int fd, @In ByteBuffer buf, @size_t long len, int flags, @In byte[] addr, int addrlen);

        /** No @Out: a heap buffer would get the whole uninitialised scratch copy back past the data. */
        @ssize_t long recv(int fd, ByteBuffer buf, @size_t long len, int flags);

        @ssize_t long recvmsg(int fd, Pointer msghdr, int flags);

        int setsockopt(int fd, int level, int optname, @In byte[] optval, int optlen);

        int getsockopt(int fd, int level, int optname, @In @Out byte[] optval, @In @Out int[] optlen);

        int fcntl(int fd, int cmd, int arg);

        int ioctl(int fd, @u_int64_t long request, @In @Out byte[] arg);

        int if_nametoindex(String name);

        int epoll_create1(int flags);

        int epoll_ctl(int epfd, int op, int fd, @In byte[] event);

        int epoll_wait(int epfd, @Out ByteBuffer events, int maxevents, int timeout);

        int eventfd(int initval, int flags);

        int eventfd_read(int fd, @Out long[] value);

        int eventfd_write(int fd, @u_int64_t long value);

        int timerfd_create(int clockid, int flags);

        /** {@code newValue} is a struct itimerspec: interval {sec, nsec} then value {sec, nsec}, 32 bytes. */
        int timerfd_settime(int fd, int flags, @In byte[] newValue, Pointer oldValue);

        @ssize_t long read(int fd, Pointer buf, @size_t long count);

        int open(String path, int flags);

        int setns(int fd, int nstype);

        /** signal(2) with a plain handler value (SIG_DFL = 0, SIG_IGN = 1); returns the previous one. */
        long signal(int signum, long handler);

        int sched_setscheduler(int pid, int policy, @In byte[] param);

        int sched_setaffinity(int pid, @size_t long cpusetsize, @In byte[] mask);

        int sched_getaffinity(int pid, @size_t long cpusetsize, @Out byte[] mask);

        int setpriority(int which, int who, int prio);

        int mlockall(int flags);

        int setrlimit(int resource, @In byte[] rlimit);

        @IgnoreError
        int getuid();

        @IgnoreError
        int getgid();

        @IgnoreError
        int getpid();

        @IgnoreError
        int gettid();

        @IgnoreError
        int umask(int mask);
    }

    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).option(LibraryOption.SaveError, true).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }

    /** The raw binding, for the rare call without a wrapper here (errno via {@link #lastErrno()}). */
    public static LibC libc() {
        return Holder.LIBC;
    }

    /** errno saved by the last call on this thread. */
    public static int lastErrno() {
        return Holder.RUNTIME.getLastError();
    }

    /** The jnr runtime, for callers that allocate native memory (direct buffer addresses etc.). */
    public static Runtime runtime() {
        return Holder.RUNTIME;
    }

    private static NativeException error(String call, int fd, int errno) {
        return new NativeException(call + "(fd=" + fd + ")", errno);
    }

    // ---- sockets

    /** socket(2); returns the new fd. */
    public static int socket(int domain, int type, int protocol) throws NativeException {
        int fd = Holder.LIBC.socket(domain, type, protocol);
        if (fd < 0) {
            throw new NativeException("socket(domain=" + domain + ", type=" + type + ", protocol=" + protocol + ")",
                    lastErrno());
        }
        return fd;
    }

    /** bind(2) to a sockaddr built by the caller (its length is the array length). */
    public static void bind(int fd, byte[] sockaddr) throws NativeException {
        int err;
        do {
            if (Holder.LIBC.bind(fd, sockaddr, sockaddr.length) == 0) {
                return;
            }
            err = lastErrno();
        } while (err == EINTR);
        throw error("bind", fd, err);
    }

    /** connect(2); on a non-blocking stream socket EINPROGRESS is thrown like any other errno. */
    public static void connect(int fd, byte[] sockaddr) throws NativeException {
        if (Holder.LIBC.connect(fd, sockaddr, sockaddr.length) != 0) {
            throw error("connect", fd, lastErrno());
        }
    }

    /** getsockname(2) into {@code sockaddr}; returns the address length the kernel reported. */
    public static int getsockname(int fd, byte[] sockaddr) throws NativeException {
        int[] len = {sockaddr.length};
        if (Holder.LIBC.getsockname(fd, sockaddr, len) != 0) {
            throw error("getsockname", fd, lastErrno());
        }
        return len[0];
    }

    /**
     * close(2). Never retried: on Linux the fd is released even when close reports EINTR, and a
     * retry could close a descriptor another thread just opened.
     */
    public static void close(int fd) throws NativeException {
        if (Holder.LIBC.close(fd) != 0) {
            int err = lastErrno();
            if (err != EINTR) {
                throw error("close", fd, err);
            }
        }
    }

    /**
     * sendto(2) of {@code buf}'s remaining bytes to {@code sockaddr} (null on a connected socket).
     * Returns the bytes sent and advances the position by them, or -1 when the socket would block.
     */
    public static int sendto(int fd, ByteBuffer buf, byte[] sockaddr) throws NativeException {
        int len = sockaddr == null ? 0 : sockaddr.length;
        int err;
        do {
            long n = Holder.LIBC.sendto(fd, buf, buf.remaining(), 0, sockaddr, len);
            if (n >= 0) {
                buf.position(buf.position() + (int) n);
                return (int) n;
            }
            err = lastErrno();
        } while (err == EINTR);
        if (err == EAGAIN) {
            return -1;
        }
        throw error("sendto", fd, err);
    }

    /**
     * recv(2) into {@code buf}'s remaining space. Returns the bytes read and advances the position
     * by them, or -1 when nothing is queued on a non-blocking socket.
     */
    public static int recv(int fd, ByteBuffer buf) throws NativeException {
        int err;
        do {
            long n = Holder.LIBC.recv(fd, buf, buf.remaining(), 0);
            if (n >= 0) {
                buf.position(buf.position() + (int) n);
                return (int) n;
            }
            err = lastErrno();
        } while (err == EINTR);
        if (err == EAGAIN) {
            return -1;
        }
        throw error("recv", fd, err);
    }

    /**
     * recvmsg(2) into a {@link MsgHdr}'s data buffer, sender address and control-message area.
     * Returns the bytes read (the data buffer's position advances by them), or -1 when nothing is
     * queued on a non-blocking socket. Allocates nothing.
     */
    public static int recvmsg(int fd, MsgHdr msg) throws NativeException {
        int err;
        do {
            msg.prepare();
            long n = Holder.LIBC.recvmsg(fd, msg.pointer(), 0);
            if (n >= 0) {
                msg.complete((int) n);
                return (int) n;
            }
            err = lastErrno();
        } while (err == EINTR);
        if (err == EAGAIN) {
            return -1;
        }
        throw error("recvmsg", fd, err);
    }

    /** setsockopt(2) with an int value. */
    public static void setsockopt(int fd, int level, int optname, int value) throws NativeException {
        setsockopt(fd, level, optname, intBytes(value));
    }

    /** setsockopt(2) with a caller-built value (a struct in native order, or a NUL-less name). */
    public static void setsockopt(int fd, int level, int optname, byte[] value) throws NativeException {
        if (Holder.LIBC.setsockopt(fd, level, optname, value, value.length) != 0) {
            throw new NativeException("setsockopt(fd=" + fd + ", level=" + level + ", optname=" + optname + ")",
                    lastErrno());
        }
    }

    /** getsockopt(2) of an int-valued option. */
    public static int getsockopt(int fd, int level, int optname) throws NativeException {
        byte[] value = new byte[4];
        int[] len = {4};
        if (Holder.LIBC.getsockopt(fd, level, optname, value, len) != 0) {
            throw new NativeException("getsockopt(fd=" + fd + ", level=" + level + ", optname=" + optname + ")",
                    lastErrno());
        }
        ByteBuffer b = ByteBuffer.wrap(value).order(ByteOrder.nativeOrder());
        return len[0] == 1 ? value[0] & 0xff : b.getInt(0);
    }

    /** Sets O_NONBLOCK (prefer SOCK_NONBLOCK at socket() time where possible). */
    public static void setNonBlocking(int fd) throws NativeException {
        int flags = Holder.LIBC.fcntl(fd, F_GETFL, 0);
        if (flags < 0) {
            throw error("fcntl(F_GETFL)", fd, lastErrno());
        }
        if ((flags & O_NONBLOCK) == 0 && Holder.LIBC.fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
            throw error("fcntl(F_SETFL)", fd, lastErrno());
        }
    }

    /** ioctl(2) with a caller-built argument struct (e.g. a 40-byte ifreq) that the kernel may fill. */
    public static void ioctl(int fd, long request, byte[] arg) throws NativeException {
        int err;
        do {
            if (Holder.LIBC.ioctl(fd, request, arg) >= 0) {
                return;
            }
            err = lastErrno();
        } while (err == EINTR);
        throw new NativeException("ioctl(fd=" + fd + ", request=0x" + Long.toHexString(request) + ")", err);
    }

    /** if_nametoindex(3); throws (ENODEV) when there is no such interface in this namespace. */
    public static int ifNameToIndex(String name) throws NativeException {
        int index = Holder.LIBC.if_nametoindex(name);
        if (index == 0) {
            throw new NativeException("if_nametoindex(" + name + ")", lastErrno());
        }
        return index;
    }

    // ---- epoll and eventfd

    /** epoll_create1(2) with EPOLL_CLOEXEC. */
    public static int epollCreate() throws NativeException {
        int fd = Holder.LIBC.epoll_create1(LinuxConstants.EPOLL_CLOEXEC);
        if (fd < 0) {
            throw new NativeException("epoll_create1", lastErrno());
        }
        return fd;
    }

    /** epoll_ctl(2); {@code data} comes back verbatim in the event record. */
    public static void epollCtl(int epfd, int op, int fd, int events, long data) throws NativeException {
        // struct epoll_event is packed on x86_64: u32 events then u64 data, 12 bytes.
        byte[] event = new byte[LinuxConstants.EPOLL_EVENT_SIZE];
        ByteBuffer b = ByteBuffer.wrap(event).order(ByteOrder.nativeOrder());
        b.putInt(0, events).putLong(4, data);
        if (Holder.LIBC.epoll_ctl(epfd, op, fd, event) != 0) {
            throw new NativeException("epoll_ctl(epfd=" + epfd + ", op=" + op + ", fd=" + fd + ")", lastErrno());
        }
    }

    /**
     * epoll_wait(2) into a direct buffer of 12-byte records (u32 events at +0, u64 data at +4,
     * native order) starting at index 0. Returns the number of ready records; 0 on timeout and
     * also when a signal interrupted the wait (the caller recomputes its timeout and waits again).
     */
    public static int epollWait(int epfd, ByteBuffer events, int max, int timeoutMs) throws NativeException {
        if (!events.isDirect() || events.capacity() < max * LinuxConstants.EPOLL_EVENT_SIZE) {
            throw new IllegalArgumentException("events must be a direct buffer of at least " + max + " records");
        }
        int n = Holder.LIBC.epoll_wait(epfd, events, max, timeoutMs);
        if (n >= 0) {
            return n;
        }
        int err = lastErrno();
        if (err == EINTR) {
            return 0;
        }
        throw new NativeException("epoll_wait(epfd=" + epfd + ")", err);
    }

    /** eventfd(2); flags from {@link LinuxConstants} (EFD_NONBLOCK, EFD_CLOEXEC). */
    public static int eventfd(int initval, int flags) throws NativeException {
        int fd = Holder.LIBC.eventfd(initval, flags);
        if (fd < 0) {
            throw new NativeException("eventfd", lastErrno());
        }
        return fd;
    }

    /** Reads and resets an eventfd counter; -1 when it is zero on a non-blocking eventfd. */
    public static long read8(int fd) throws NativeException {
        long[] value = new long[1];
        int err;
        do {
            if (Holder.LIBC.eventfd_read(fd, value) == 0) {
                return value[0];
            }
            err = lastErrno();
        } while (err == EINTR);
        if (err == EAGAIN) {
            return -1;
        }
        throw error("eventfd_read", fd, err);
    }

    /** Adds to an eventfd counter; returns 8, or -1 when the counter would overflow (non-blocking). */
    public static long write8(int fd, long value) throws NativeException {
        int err;
        do {
            if (Holder.LIBC.eventfd_write(fd, value) == 0) {
                return 8;
            }
            err = lastErrno();
        } while (err == EINTR);
        if (err == EAGAIN) {
            return -1;
        }
        throw error("eventfd_write", fd, err);
    }

    /** timerfd_create(2); flags TFD_NONBLOCK / TFD_CLOEXEC share the O_ values. */
    public static int timerfdCreate(int clockId, int flags) throws NativeException {
        int fd = Holder.LIBC.timerfd_create(clockId, flags);
        if (fd < 0) {
            throw new NativeException("timerfd_create", lastErrno());
        }
        return fd;
    }

    /** timerfd_settime(2) with a 32-byte struct itimerspec. */
    public static void timerfdSetTime(int fd, int flags, byte[] itimerspec) throws NativeException {
        if (Holder.LIBC.timerfd_settime(fd, flags, itimerspec, null) != 0) {
            throw error("timerfd_settime", fd, lastErrno());
        }
    }

    /**
     * read(2) into native memory (no copy back into the Java heap, so nothing is allocated);
     * returns the byte count, or -1 when a non-blocking fd has nothing to read.
     */
    public static long read(int fd, Pointer buf, long count) throws NativeException {
        int err;
        do {
            long n = Holder.LIBC.read(fd, buf, count);
            if (n >= 0) {
                return n;
            }
            err = lastErrno();
        } while (err == EINTR);
        if (err == EAGAIN) {
            return -1;
        }
        throw error("read", fd, err);
    }

    /**
     * Puts {@code signum} back to its default action. A JVM started with a signal ignored (nohup,
     * a background job's SIGINT, {@code trap '' HUP}) accepts a Java handler for it, but the handler
     * never runs while the signal stays ignored; keepalived takes its signals whatever it inherited.
     */
    public static void restoreDefaultAction(int signum) throws NativeException {
        if (Holder.LIBC.signal(signum, 0L) == -1L) {
            throw new NativeException("signal(" + signum + ")", lastErrno());
        }
    }

    // ---- processes and namespaces

    /** open(2) without a mode (no O_CREAT); e.g. a /var/run/netns file for {@link #setns}. */
    public static int open(String path, int flags) throws NativeException {
        int err;
        do {
            int fd = Holder.LIBC.open(path, flags);
            if (fd >= 0) {
                return fd;
            }
            err = lastErrno();
        } while (err == EINTR);
        throw new NativeException("open(" + path + ")", err);
    }

    /**
     * setns(2): moves the CALLING THREAD only into the namespace {@code fd} refers to. Sockets
     * keep the namespace they were created in; threads inherit their creator's namespace.
     */
    public static void setns(int fd, int nstype) throws NativeException {
        if (Holder.LIBC.setns(fd, nstype) != 0) {
            throw error("setns", fd, lastErrno());
        }
    }

    // ---- scheduling and limits

    /** mlockall(2) flags (sys/mman.h). */
    public static final int MCL_CURRENT = 1;
    public static final int MCL_FUTURE = 2;
    /** Lock pages as they are touched instead of populating every mapping first (Linux 4.4). */
    public static final int MCL_ONFAULT = 4;

    /** mlockall(2): keep every page of the process in memory, now and later (keepalived's *_no_swap). */
    public static void mlockall(int flags) throws NativeException {
        if (Holder.LIBC.mlockall(flags) != 0) {
            throw new NativeException("mlockall(0x" + Integer.toHexString(flags) + ")", lastErrno());
        }
    }

    /** sched_setscheduler(2) policies and flags (linux/sched.h). */
    public static final int SCHED_OTHER = 0;
    public static final int SCHED_RR = 2;
    /** Children (scripts) start with the default policy, not ours. */
    public static final int SCHED_RESET_ON_FORK = 0x40000000;
    /** setrlimit(2) resource: microseconds a real-time thread may run without blocking. */
    public static final int RLIMIT_RTTIME = 15;
    private static final int PRIO_PROCESS = 0;

    /**
     * sched_setscheduler(2) of ONE thread ({@code tid} from {@link #gettid}; 0 = the caller): on
     * Linux the policy is per thread, so the JVM's other threads keep theirs.
     */
    public static void setScheduler(int tid, int policy, int priority) throws NativeException {
        if (Holder.LIBC.sched_setscheduler(tid, policy, intBytes(priority)) != 0) {
            throw new NativeException("sched_setscheduler(tid=" + tid + ", policy=0x" + Integer.toHexString(policy)
                    + ", priority=" + priority + ")", lastErrno());
        }
    }

    /** sched_setaffinity(2) of one thread (0 = the caller) to the given CPU numbers. */
    public static void setAffinity(int tid, java.util.Collection<Integer> cpus) throws NativeException {
        byte[] mask = new byte[128]; // cpu_set_t: 1024 CPUs
        for (int cpu : cpus) {
            if (cpu < 0 || cpu >= mask.length * 8) {
                throw new IllegalArgumentException("CPU " + cpu + " out of range");
            }
            mask[cpu / 8] |= (byte) (1 << (cpu % 8)); // bit order of a little-endian unsigned long array
        }
        if (Holder.LIBC.sched_setaffinity(tid, mask.length, mask) != 0) {
            throw new NativeException("sched_setaffinity(tid=" + tid + ", cpus=" + cpus + ")", lastErrno());
        }
    }

    /** sched_getaffinity(2) of one thread (0 = the caller): its CPU numbers, ascending. */
    public static java.util.List<Integer> getAffinity(int tid) throws NativeException {
        byte[] mask = new byte[128];
        if (Holder.LIBC.sched_getaffinity(tid, mask.length, mask) < 0) {
            throw new NativeException("sched_getaffinity(tid=" + tid + ")", lastErrno());
        }
        java.util.List<Integer> cpus = new java.util.ArrayList<>();
        for (int i = 0; i < mask.length * 8; i++) {
            if ((mask[i / 8] & (1 << (i % 8))) != 0) {
                cpus.add(i);
            }
        }
        return cpus;
    }

    /** setpriority(2) PRIO_PROCESS of one thread (Linux: a tid names a thread): its nice value. */
    public static void setNice(int tid, int nice) throws NativeException {
        if (Holder.LIBC.setpriority(PRIO_PROCESS, tid, nice) != 0) {
            throw new NativeException("setpriority(tid=" + tid + ", nice=" + nice + ")", lastErrno());
        }
    }

    /** setrlimit(2) (process-wide); values are rlim_t, -1 = RLIM_INFINITY. */
    public static void setRlimit(int resource, long soft, long hard) throws NativeException {
        byte[] rlimit = new byte[16];
        ByteBuffer.wrap(rlimit).order(ByteOrder.nativeOrder()).putLong(0, soft).putLong(8, hard);
        if (Holder.LIBC.setrlimit(resource, rlimit) != 0) {
            throw new NativeException("setrlimit(resource=" + resource + ", soft=" + soft + ", hard=" + hard + ")",
                    lastErrno());
        }
    }

    public static int getuid() {
        return Holder.LIBC.getuid();
    }

    public static int getgid() {
        return Holder.LIBC.getgid();
    }

    public static int getpid() {
        return Holder.LIBC.getpid();
    }

    /** Sets the process's file creation mask; returns the previous one. */
    public static int umask(int mask) {
        return Holder.LIBC.umask(mask);
    }

    /** The kernel thread id of the calling thread (what /proc/thread-self names). */
    public static int gettid() {
        return Holder.LIBC.gettid();
    }

    static byte[] intBytes(int value) {
        byte[] b = new byte[4];
        ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).putInt(0, value);
        return b;
    }
}
