package keepalived.vrrp.it;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import keepalived.testing.Cmd;

/**
 * Polls {@code ip -j addr show dev eth0} in a host as fast as the command runs (a few ms a
 * round) on its own thread, counting the polls and those where an address was missing: a VIP
 * that is deleted and re-added shows up as an absence unless the gap falls between two polls.
 */
final class AddressWatch {
    /** What the watch saw: polls made and polls without the address. */
    record Result(int samples, int absent) {
    }

    private final Segment.Host host;
    private final String needle;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile int samples;
    private volatile int absent;

    private AddressWatch(Segment.Host host, String address) {
        this.host = host;
        this.needle = "\"local\":\"" + address + "\"";
        this.thread = new Thread(this::run, "address-watch");
        thread.setDaemon(true);
    }

    static AddressWatch start(Segment.Host host, String address) {
        AddressWatch w = new AddressWatch(host, address);
        w.thread.start();
        return w;
    }

    private void run() {
        List<String> cmd = List.of("ip", "-n", host.name(), "-j", "addr", "show", "dev", "eth0");
        while (running.get()) {
            Cmd.Result r = Cmd.run(null, 10, cmd);
            if (!r.ok()) {
                continue;
            }
            samples++;
            if (!r.stdout().replace(" ", "").contains(needle)) {
                absent++;
            }
        }
    }

    Result stop() {
        running.set(false);
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Result(samples, absent);
    }
}
