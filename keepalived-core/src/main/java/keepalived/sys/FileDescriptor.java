package keepalived.sys;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An owned file descriptor that is closed exactly once, so a socket wrapper can be closed from a
 * shutdown path and from its owner without closing a recycled fd number the second time.
 */
public final class FileDescriptor implements AutoCloseable {
    private final int fd;
    private final AtomicBoolean open = new AtomicBoolean(true);

    public FileDescriptor(int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("invalid fd " + fd);
        }
        this.fd = fd;
    }

    /** The descriptor number; meaningless once {@link #close()} ran. */
    public int intValue() {
        return fd;
    }

    public boolean isOpen() {
        return open.get();
    }

    /** Closes the descriptor the first time; later calls do nothing. */
    @Override
    public void close() throws NativeException {
        if (open.compareAndSet(true, false)) {
            Native.close(fd);
        }
    }

    @Override
    public String toString() {
        return "fd=" + fd + (isOpen() ? "" : " (closed)");
    }
}
