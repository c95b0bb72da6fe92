package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import keepalived.testing.Cmd;
import keepalived.testing.Prerequisites;

/**
 * notify_master/backup/fault, the generic notify script and notify_fifo: the same config runs under
 * Debian's keepalived and under ours, each alone on one host (BACKUP at start, MASTER, FAULT through
 * a tracked interface, MASTER again, SIGTERM); the scripts' argv and the FIFO lines must match.
 */
class NotifyCompareTest {
    Path dir;
    Segment segment;
    Segment.Host host;
    final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        Prerequisites.requireRealKeepalived();
        dir = TestDir.fresh(Path.of("target", "it", getClass().getSimpleName()));
        segment = Segment.create(1);
        segment.addEth1();
        host = segment.host(1);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        if (segment != null) {
            segment.close();
        }
    }

    record Observed(List<String> argv, List<String> fifo, String log) {
    }

    @Test
    void scriptArgumentsAndFifoLinesMatchKeepalived() throws Exception {
        Observed theirs = run(Impl.KEEPALIVED);
        Observed ours = run(Impl.OURS);
        String why = "keepalived:\n" + theirs + "\nours:\n" + ours;

        // what keepalived's documentation promises, checked on the reference first
        for (Observed o : List.of(theirs, ours)) {
            for (String expected : List.of("notify.sh backup b1", "notify.sh master m1", "notify.sh fault f1",
                    "notify.sh generic g1 INSTANCE VI_1 BACKUP 150", "notify.sh generic g1 INSTANCE VI_1 MASTER 150",
                    "notify.sh generic g1 INSTANCE VI_1 FAULT 150")) {
                assertTrue(o.argv().contains(expected), () -> "missing script call '" + expected + "'\n" + why);
            }
            assertTrue(o.fifo().contains("INSTANCE \"VI_1\" MASTER 150"), () -> "FIFO line format\n" + why);
        }
        // scripts run concurrently: compare the calls as sorted lists; the FIFO is written in order
        assertEquals(theirs.argv().stream().sorted().toList(), ours.argv().stream().sorted().toList(),
                () -> "script calls differ\n" + why);
        assertEquals(theirs.fifo(), ours.fifo(), () -> "FIFO lines differ\n" + why);
    }

    private Observed run(Impl impl) throws Exception {
        Path d = dir.resolve(impl.label());
        Files.createDirectories(d);
        Path argv = d.resolve("argv.log");
        Path script = d.resolve("notify.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$(basename \"$0\") $*\" >> " + argv + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path fifo = d.resolve("fifo");
        Path fifoOut = d.resolve("fifo.txt");
        Cmd.run("mkfifo", fifo.toString()).check();
        ProcessBuilder pb = new ProcessBuilder("cat", fifo.toString());
        pb.redirectOutput(fifoOut.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process cat = pb.start();
        open.add(() -> cat.destroyForcibly());

        String conf = "global_defs {\n    router_id r1\n    vrrp_version 3\n    notify_fifo " + fifo + "\n}\n\n"
                + "vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 150\n"
                + "    advert_int 0.1\n    track_interface {\n        eth1\n    }\n"
                + "    notify_master \"" + script + " master m1\"\n"
                + "    notify_backup \"" + script + " backup b1\"\n"
                + "    notify_fault \"" + script + " fault f1\"\n"
                + "    notify \"" + script + " generic g1\"\n"
                + "    virtual_ipaddress {\n        " + segment.prefix4() + "100/24\n    }\n}\n";
        Daemon daemon = Daemon.start(impl, host, impl.label(), conf, d);
        open.add(daemon);
        awaitCount(daemon, "Entering MASTER STATE", 1, 15_000);
        Wait.sleep(300);
        host.ns().ip("link", "set", "eth1", "down");
        awaitCount(daemon, "Entering FAULT STATE", 1, 5000);
        Wait.sleep(300);
        host.ns().ip("link", "set", "eth1", "up");
        awaitCount(daemon, "Entering MASTER STATE", 2, 5000);
        Wait.sleep(300);
        daemon.signal("TERM");
        assertEquals(0, daemon.waitExit(5000), () -> impl.label() + " exits 0 after SIGTERM\n" + daemon.logTail(30));
        daemon.close();
        Wait.sleep(300); // scripts started at the end
        cat.waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
        cat.destroyForcibly();
        List<String> calls = Files.exists(argv) ? Files.readAllLines(argv) : List.of();
        List<String> lines = Files.exists(fifoOut) ? Files.readAllLines(fifoOut) : List.of();
        // the host keeps nothing for the next run
        host.ns().ip("addr", "flush", "dev", "eth0", "to", segment.prefix4() + "100/32");
        return new Observed(calls, lines, daemon.logTail(40));
    }

    private static void awaitCount(Daemon d, String text, int count, long millis) {
        assertTrue(Wait.until(millis, () -> occurrences(d.log(), text) >= count),
                () -> d + ": expected '" + text + "' " + count + " time(s)\n" + d.logTail(30));
    }

    private static int occurrences(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

}
