package keepalived.netlink;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import keepalived.sys.LinuxConstants;
import keepalived.sys.Native;
import keepalived.testing.NetNs;

/**
 * A thread parked inside a test namespace (setns moves only the calling thread): sockets it
 * opens live in that namespace, whichever thread uses them afterwards.
 */
final class NamespaceThread implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "netns");
        t.setDaemon(true);
        return t;
    });

    NamespaceThread(NetNs ns) throws Exception {
        call(() -> {
            int fd = Native.open("/var/run/netns/" + ns.name(), LinuxConstants.O_RDONLY | LinuxConstants.O_CLOEXEC);
            try {
                Native.setns(fd, LinuxConstants.CLONE_NEWNET);
            } finally {
                Native.close(fd);
            }
            return null;
        });
    }

    <T> T call(Callable<T> task) throws Exception {
        try {
            return thread.submit(task).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
