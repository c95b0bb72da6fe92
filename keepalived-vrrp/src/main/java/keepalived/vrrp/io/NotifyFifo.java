package keepalived.vrrp.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's notify FIFO: one line per event, {@code INSTANCE "VI_1" MASTER 100} or
 * {@code GROUP "G" BACKUP 0}. The FIFO is created if missing and opened read-write (as keepalived
 * does), so it opens without a reader and lines wait in the pipe until one comes. Writes happen
 * on a thread of their own: a full pipe never stalls the event loop.
 */
public final class NotifyFifo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("keepalived.vrrp.notify");

    private final Path path;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "notify-fifo");
        t.setDaemon(true);
        return t;
    });
    private FileChannel channel; // writer thread only

    public NotifyFifo(Path path) {
        this.path = path;
    }

    /** The line keepalived writes for an instance or group event (with the newline). */
    public static String line(boolean group, String name, String state, int priority) {
        return (group ? "GROUP" : "INSTANCE") + " \"" + name + "\" " + state + " " + priority + "\n";
    }

    public void write(boolean group, String name, String state, int priority) {
        write(line(group, name, state, priority));
    }

    public void write(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
        try {
            writer.execute(() -> writeNow(bytes));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed
        }
    }

    private void writeNow(byte[] bytes) {
        try {
            if (channel == null) {
                if (!Files.exists(path)) {
                    Process p = new ProcessBuilder("mkfifo", "-m", "600", path.toString()).start();
                    p.waitFor(2, TimeUnit.SECONDS);
                }
                channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                channel.write(b);
            }
        } catch (IOException e) {
            LOG.warn("Unable to write to notify FIFO {}: {}", path, e.getMessage());
            closeChannel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing to do
            }
            channel = null;
        }
    }

    /** Writes what is queued (bounded wait), then closes. */
    @Override
    public void close() {
        writer.execute(this::closeChannel);
        writer.shutdown();
        try {
            writer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
