package keepalived.testing;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import keepalived.sys.LinuxConstants;
import keepalived.sys.Native;

/**
 * One thread parked in a network namespace (setns moves only the calling thread), so a single
 * test JVM can open sockets in several namespaces; sockets keep their namespace afterwards and
 * may be used from any thread.
 */
public final class NsThread implements AutoCloseable {
    /** Work that may throw, run on the namespace thread. */
    public interface Task<T> {
        T run() throws Exception;
    }

    private final ExecutorService executor;

    public NsThread(NetNs ns) throws Exception {
        this(ns.name());
    }

    public NsThread(String netns) throws Exception {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "netns-" + netns);
            t.setDaemon(true);
            return t;
        });
        call(() -> {
            int fd = Native.open("/var/run/netns/" + netns, LinuxConstants.O_RDONLY | LinuxConstants.O_CLOEXEC);
            try {
                Native.setns(fd, LinuxConstants.CLONE_NEWNET);
            } finally {
                Native.close(fd);
            }
            return null;
        });
    }

    public <T> T call(Task<T> task) throws Exception {
        try {
            return executor.submit(task::run).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("namespace task did not finish in 30 s", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
