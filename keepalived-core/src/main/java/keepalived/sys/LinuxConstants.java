package keepalived.sys;

/**
 * Linux x86_64 constants for the calls in {@link Native}, hand-written from the kernel and glibc
 * headers named beside each group (jnr-constants lacks AF_PACKET, SO_MARK, epoll and friends).
 */
public final class LinuxConstants {
    private LinuxConstants() {
    }

    // bits/socket.h: address families
    public static final int AF_UNSPEC = 0;
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;

    // bits/socket_type.h: socket types and type flags
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;

    // asm-generic/socket.h: SOL_SOCKET options
    public static final int SOL_SOCKET = 1;
    public static final int SO_REUSEADDR = 2;
    public static final int SO_TYPE = 3;
    public static final int SO_ERROR = 4;
    public static final int SO_BROADCAST = 6;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_PRIORITY = 12;
    public static final int SO_RCVTIMEO = 20;
    public static final int SO_BINDTODEVICE = 25;
    public static final int SO_MARK = 36;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int SO_SNDBUFFORCE = 32;

    // bits/socket.h: message flags
    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_CTRUNC = 0x8;

    // sys/epoll.h
    public static final int EPOLL_CLOEXEC = 0x80000;
    public static final int EPOLL_CTL_ADD = 1;
    public static final int EPOLL_CTL_DEL = 2;
    public static final int EPOLL_CTL_MOD = 3;
    public static final int EPOLLIN = 0x001;
    public static final int EPOLLPRI = 0x002;
    public static final int EPOLLOUT = 0x004;
    public static final int EPOLLERR = 0x008;
    public static final int EPOLLHUP = 0x010;
    public static final int EPOLLRDHUP = 0x2000;
    public static final int EPOLLET = 1 << 31;
    /** struct epoll_event is packed on x86_64 (u32 events, u64 data); 16 bytes on aarch64. */
    public static final int EPOLL_EVENT_SIZE = 12;

    // sys/eventfd.h
    public static final int EFD_SEMAPHORE = 1;
    public static final int EFD_NONBLOCK = 0x800;
    public static final int EFD_CLOEXEC = 0x80000;

    // fcntl.h
    public static final int O_RDONLY = 0;
    public static final int O_CLOEXEC = 0x80000;

    // sched.h
    public static final int CLONE_NEWNET = 0x40000000;
}
