package keepalived.vrrp.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import keepalived.testing.Cmd;

/**
 * tcpdump on a host's eth0 ({@code -tt -e -n -l}): VRRP adverts (v2/v3, IPv4/IPv6), gratuitous ARPs
 * and unsolicited neighbour advertisements with their epoch timestamps (microseconds) and source
 * MAC, so a test can tell which host sent what and measure failover gaps.
 */
final class Capture implements AutoCloseable {
    /** Anything parsed from the capture. */
    sealed interface Event permits Advert, Garp, Na {
        long micros();

        String mac();
    }

    /** A VRRP advertisement; {@code ahSeq} is its IPsec AH sequence number (auth_type AH), -1 without AH. */
    record Advert(long micros, String mac, String src, String dst, int version, int vrid, int prio, String line,
            long ahSeq) implements Event {
    }

    /** A gratuitous ARP (request or reply whose sender and target address are the same). */
    record Garp(long micros, String mac, String address) implements Event {
    }

    /** An unsolicited neighbour advertisement. */
    record Na(long micros, String mac, String src, String target) implements Event {
    }

    private static final Pattern ADVERT = Pattern.compile(
            "^(\\d+)\\.(\\d{6}) (\\S+) > \\S+, ethertype IPv[46] .*?: (\\S+) > (\\S+): "
                    + "(?:AH\\(spi=\\w+,seq=0x(\\p{XDigit}+),icv=\\w+\\): )?VRRPv(\\d), Advertisement, vrid (\\d+), prio (\\d+)");
    private static final Pattern ARP_REQUEST = Pattern.compile(
            "^(\\d+)\\.(\\d{6}) (\\S+) > \\S+, ethertype ARP .*?: Request who-has (\\S+) (?:\\(\\S+\\) )?tell (\\S+),");
    private static final Pattern ARP_REPLY = Pattern.compile(
            "^(\\d+)\\.(\\d{6}) (\\S+) > \\S+, ethertype ARP .*?: Reply (\\S+) is-at \\S+");
    private static final Pattern NA = Pattern.compile(
            "^(\\d+)\\.(\\d{6}) (\\S+) > \\S+, ethertype IPv6 .*?: (\\S+) > \\S+: ICMP6, neighbor advertisement, tgt is (\\S+),");

    private final Process process;
    private final List<Event> events = new ArrayList<>();
    private final Thread reader;
    private final Path file;

    private Capture(Process process, Path file) {
        this.process = process;
        this.file = file;
        this.reader = new Thread(this::read, "capture");
        reader.setDaemon(true);
    }

    /** Starts tcpdump in {@code host} and returns once it is listening; the raw lines go to {@code file}. */
    static Capture start(Segment.Host host, Path file) throws IOException, InterruptedException {
        return start(host, "eth0", file);
    }

    /** As {@link #start(Segment.Host, Path)} on {@code dev}. */
    static Capture start(Segment.Host host, String dev, Path file) throws IOException, InterruptedException {
        List<String> cmd = host.ns().exec("tcpdump", "-i", dev, "-n", "-tt", "-e", "-l",
                "ip proto 112 or ip proto 51 or ip6 proto 112 or arp or icmp6");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        CountDownLatch listening = new CountDownLatch(1);
        StringBuilder err = new StringBuilder();
        Thread errReader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (err) {
                        err.append(line).append('\n');
                    }
                    if (line.startsWith("listening on")) {
                        listening.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the process went away
            }
        }, "capture-stderr");
        errReader.setDaemon(true);
        errReader.start();
        Capture c = new Capture(p, file);
        Leftovers.opened(c);
        c.reader.start();
        if (!listening.await(10, TimeUnit.SECONDS)) {
            c.close();
            synchronized (err) {
                throw new IllegalStateException("tcpdump did not start: " + err);
            }
        }
        return c;
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = r.readLine()) != null) {
                out.println(line);
                Event e = parse(line);
                if (e != null) {
                    synchronized (events) {
                        events.add(e);
                        events.notifyAll();
                    }
                }
            }
        } catch (IOException ignored) {
            // tcpdump exited
        }
    }

    static Event parse(String line) {
        Matcher m = ADVERT.matcher(line);
        if (m.find()) {
            return new Advert(micros(m), m.group(3), m.group(4), m.group(5), Integer.parseInt(m.group(7)),
                    Integer.parseInt(m.group(8)), Integer.parseInt(m.group(9)), line,
                    m.group(6) == null ? -1 : Long.parseLong(m.group(6), 16));
        }
        m = ARP_REQUEST.matcher(line);
        if (m.find()) {
            return m.group(4).equals(m.group(5)) ? new Garp(micros(m), m.group(3), m.group(4)) : null;
        }
        m = ARP_REPLY.matcher(line);
        if (m.find()) {
            return new Garp(micros(m), m.group(3), m.group(4));
        }
        m = NA.matcher(line);
        if (m.find()) {
            return new Na(micros(m), m.group(3), m.group(4), m.group(5));
        }
        return null;
    }

    private static long micros(Matcher m) {
        return Long.parseLong(m.group(1)) * 1_000_000L + Long.parseLong(m.group(2));
    }

    List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    List<Advert> adverts(Predicate<Advert> filter) {
        List<Advert> out = new ArrayList<>();
        for (Event e : events()) {
            if (e instanceof Advert a && filter.test(a)) {
                out.add(a);
            }
        }
        return out;
    }

    <T extends Event> List<T> all(Class<T> type, Predicate<T> filter) {
        List<T> out = new ArrayList<>();
        for (Event e : events()) {
            if (type.isInstance(e) && filter.test(type.cast(e))) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    /** Waits up to {@code millis} for an event of {@code type} matching {@code filter}; the first one, or null. */
    <T extends Event> T await(Class<T> type, Predicate<T> filter, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (events) {
            while (true) {
                for (Event e : events) {
                    if (type.isInstance(e) && filter.test(type.cast(e))) {
                        return type.cast(e);
                    }
                }
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return null;
                }
                try {
                    events.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
    }

    /** The raw capture so far, for failure messages (the last {@code lines} lines). */
    String tail(int lines) {
        try {
            List<String> all = Files.exists(file) ? Files.readAllLines(file) : List.of();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    @Override
    public void close() {
        Leftovers.closed(this);
        if (process.isAlive()) {
            Cmd.run("kill", "-TERM", Long.toString(process.pid()));
            try {
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(3, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
