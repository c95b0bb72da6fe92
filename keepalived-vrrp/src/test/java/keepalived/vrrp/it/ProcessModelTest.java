package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import keepalived.sys.Native;
import keepalived.testing.Cmd;
import keepalived.testing.Prerequisites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * keepalived's process model with real JVMs: a watchdog parent and a VRRP child. Host 1 runs
 * ours, host 2 Debian's keepalived as the backup, host 3 captures.
 */
class ProcessModelTest {
    private Path dir;
    private Segment segment;
    private Capture capture;
    private Segment.Host a;
    private Segment.Host b;
    private final List<Daemon> daemons = new ArrayList<>();

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        Prerequisites.requireRealKeepalived();
        Prerequisites.require(Cmd.available("tcpdump"), "tcpdump (apt-get install tcpdump)");
        dir = TestDir.fresh(this, info);
        segment = Segment.create(3);
        a = segment.host(1);
        b = segment.host(2);
        capture = Capture.start(segment.host(3), dir.resolve("capture.txt"));
    }

    @AfterEach
    void tearDown() {
        daemons.forEach(Daemon::close);
        if (capture != null) {
            capture.close();
        }
        if (segment != null) {
            segment.close();
        }
    }

    /**
     * (a) kill -9 of the VRRP child: keepalived takes over, the parent respawns the child, which
     * preempts again; at no time do both advertise as master (beyond one interval at a hand-over).
     * (b) then SIGTERM to the parent: priority 0 on the wire, VIP gone, every process gone, pid
     * files removed, exit 0.
     */
    @Test
    @Timeout(90)
    void childKilledIsRespawnedThenSigtermStopsEverything() {
        Conf ca = conf(150);
        Conf cb = conf(100);
        Daemon da = start(Impl.OURS, a, "a", ca, Map.of());
        awaitSole(a, 15_000, "ours alone becomes MASTER");
        Daemon db = start(Impl.KEEPALIVED, b, "b", cb, Map.of());
        db.awaitBackup();

        long parent = pidIn(da.pidFile(".pid"));
        assertEquals(da.pid(), parent, "the parent's pid file names the process we started");
        long child = pidIn(da.pidFile("-vrrp.pid"));
        assertNotEquals(parent, child);
        long kill = nowMicros();
        Cmd.run("kill", "-KILL", Long.toString(child)).check();
        assertTrue(Wait.until(5000, () -> b.holds(vip())), () -> "keepalived takes over\n" + diag());
        assertTrue(da.awaitLog("VRRP child process(" + child + ") died: Respawning", 5000), this::diag);
        assertTrue(da.log().contains("Restart of VRRP process delayed 0 seconds to limit respawn rate"), this::diag);
        assertTrue(Wait.until(20_000, () -> a.holds(vip()) && !b.holds(vip())), () -> "respawned child preempts\n" + diag());
        Capture.Advert back = capture.await(Capture.Advert.class,
                x -> x.mac().equals(a.mac()) && x.prio() == 150 && x.micros() > kill, 3000);
        assertNotNull(back, this::diag);
        System.out.printf(Locale.ROOT, "child SIGKILL -> respawned child's first MASTER advert: %.0f ms%n",
                (back.micros() - kill) / 1000.0);
        long respawned = pidIn(da.pidFile("-vrrp.pid"));
        assertNotEquals(child, respawned);
        assertTrue(ProcessHandle.of(respawned).map(ProcessHandle::isAlive).orElse(false));
        Wait.sleep(500);
        assertNoTwoMasters(ca.intervalMillis());

        long term = nowMicros();
        da.signal("TERM");
        assertNotNull(capture.await(Capture.Advert.class, x -> x.mac().equals(a.mac()) && x.prio() == 0 && x.micros() > term,
                5000), () -> "priority 0 after SIGTERM\n" + diag());
        assertEquals(0, da.waitExit(10_000), this::diag);
        da.waitGroupGone();
        assertFalse(ProcessHandle.of(respawned).map(ProcessHandle::isAlive).orElse(false), "the child is gone");
        assertFalse(a.holds(vip()), this::diag);
        assertFalse(Files.exists(da.pidFile(".pid")), "parent pid file removed");
        assertFalse(Files.exists(da.pidFile("-vrrp.pid")), "child pid file removed");
        assertTrue(da.log().contains("Stopped Keepalived v2.2.7"), this::diag);
        assertTrue(Wait.until(5000, () -> b.holds(vip())), this::diag);
    }

    /**
     * (c) a second start on the same pid files refuses ("daemon is already running", status 0);
     * (d) NOTIFY_SOCKET gets READY=1, RELOADING=1 + READY=1 on HUP, STOPPING=1 on TERM;
     * (e) HUP with a broken config keeps everything (still MASTER, VIP still there), errors logged;
     * then a stale pid file (a dead pid) is taken over.
     */
    @Test
    @Timeout(90)
    void pidFilesNotifySocketAndBrokenReload() throws Exception {
        Path sock = dir.resolve("notify.sock");
        try (NotifyListener notify = new NotifyListener(sock)) {
            Conf ca = conf(150);
            Daemon da = start(Impl.OURS, a, "a", ca, Map.of("NOTIFY_SOCKET", sock.toString()));
            awaitSole(a, 15_000, "ours becomes MASTER");
            assertTrue(notify.await("READY=1", 10_000), notify::toString);

            // (c) the same pid files: refused, exit 0
            Path conf2 = dir.resolve("again.conf");
            Files.writeString(conf2, ca.text());
            List<String> again = new ArrayList<>(Impl.OURS.command(conf2, dir, "a"));
            Cmd.Result r = Cmd.run(null, 60, a.ns().exec(again));
            assertEquals(0, r.exitCode(), r::describe);
            assertTrue(r.stdout().contains("daemon is already running") || r.stderr().contains("daemon is already running"),
                    r::describe);
            assertTrue(da.alive() && a.holds(vip()), this::diag);

            // (e) a broken config on HUP: refused, nothing changes
            Path conf = dir.resolve("a.conf");
            String good = Files.readString(conf);
            Files.writeString(conf, good.replace("virtual_router_id", "virtual_router_idd").replace("}", "}}"));
            int reloading = notify.count("RELOADING=1");
            da.signal("HUP");
            assertTrue(da.awaitLog("New config failed validation - keeping the running configuration", 10_000), this::diag);
            assertTrue(notify.await(() -> notify.count("RELOADING=1") > reloading, 5000), notify::toString);
            Wait.sleep(1000);
            assertTrue(da.alive() && a.holds(vip()), this::diag);
            assertFalse(da.log().contains("Entering BACKUP STATE (reload)"), this::diag);
            assertTrue(da.log().lines().filter(l -> l.contains("Reloading")).count() == 1, "the child was not told: " + da.log());
            assertTrue(notify.lastIs("READY=1"), notify::toString);

            // (d) a good reload: RELOADING=1, READY=1; the child reloads too
            Files.writeString(conf, good);
            int before = notify.count("READY=1");
            da.signal("HUP");
            assertTrue(notify.await(() -> notify.count("READY=1") > before, 10_000), notify::toString);
            assertTrue(da.awaitLog("Reload complete", 10_000), this::diag);
            assertTrue(a.holds(vip()), this::diag);

            da.signal("TERM");
            assertEquals(0, da.waitExit(10_000), this::diag);
            assertTrue(notify.await("STOPPING=1", 5000), notify::toString);
            da.waitGroupGone();
        }

        // (c) stale pid files (a pid that no longer exists) are taken over
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.writeString(dir.resolve("a.pid"), dead.pid() + "\n");
        Files.writeString(dir.resolve("a-vrrp.pid"), dead.pid() + "\n");
        Path conf3 = dir.resolve("stale.conf");
        Files.writeString(conf3, conf(150).text());
        List<String> cmd = new ArrayList<>(List.of("setsid"));
        cmd.addAll(Impl.OURS.command(conf3, dir, "a"));
        Process p = new ProcessBuilder(a.ns().exec(cmd)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stale.log").toFile()).start();
        try {
            assertTrue(Wait.until(15_000, () -> a.holds(vip())), () -> DaemonLog.read(dir.resolve("stale.log")));
            assertEquals(Long.toString(p.pid()), Files.readString(dir.resolve("a.pid")).strip());
        } finally {
            Cmd.run("kill", "-TERM", Long.toString(p.pid()));
            p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            Cmd.run("kill", "-KILL", "--", "-" + p.pid());
        }
    }

    /**
     * startup_script runs before the children, shutdown_script after they stopped; with
     * reload_check_config LOGFILE a refused reload's problems go to LOGFILE and the log says so.
     */
    @Test
    @Timeout(60)
    void startupShutdownScriptsAndReloadCheckLog() throws Exception {
        Path marks = dir.resolve("marks.txt");
        Path script = dir.resolve("mark.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$1\" >> " + marks + "\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path checkLog = dir.resolve("reload-check.log");
        String text = conf(150).text().replace("global_defs {\n", "global_defs {\n"
                + "    startup_script \"" + script + " startup\"\n"
                + "    shutdown_script \"" + script + " shutdown\"\n"
                + "    reload_check_config " + checkLog + "\n");
        Daemon da = Daemon.start(Impl.OURS, a, "a", text, dir);
        daemons.add(da);
        awaitSole(a, 15_000, "ours becomes MASTER");
        assertEquals(List.of("startup"), Files.readAllLines(marks));

        Path conf = dir.resolve("a.conf");
        Files.writeString(conf, Files.readString(conf).replace("virtual_router_id", "virtual_router_idd"));
        da.signal("HUP");
        assertTrue(da.awaitLog("New config failed validation, see " + checkLog + " for details", 10_000), this::diag);
        assertTrue(Files.readString(checkLog).contains("Unknown keyword 'virtual_router_idd'"), Files.readString(checkLog));
        assertTrue(a.holds(vip()), this::diag);

        da.signal("TERM");
        assertEquals(0, da.waitExit(10_000), this::diag);
        assertEquals(List.of("startup", "shutdown"), Files.readAllLines(marks));
    }

    // ---------------------------------------------------------------- helpers

    /** Every advert with priority > 0 by source: a source's advert inside the other's steady run is two masters. */
    private void assertNoTwoMasters(long intervalMillis) {
        List<Capture.Advert> all = capture.adverts(x -> x.prio() > 0 && (x.mac().equals(a.mac()) || x.mac().equals(b.mac())));
        long interval = intervalMillis * 1000;
        for (Segment.Host x : List.of(a, b)) {
            Segment.Host y = x == a ? b : a;
            List<Capture.Advert> xs = all.stream().filter(v -> v.mac().equals(x.mac())).toList();
            List<Capture.Advert> ys = all.stream().filter(v -> v.mac().equals(y.mac())).toList();
            // runs of x: consecutive adverts no more than 1.5 intervals apart
            int start = 0;
            for (int i = 1; i <= xs.size(); i++) {
                if (i == xs.size() || xs.get(i).micros() - xs.get(i - 1).micros() > interval * 3 / 2) {
                    long s = xs.get(start).micros();
                    long e = xs.get(i - 1).micros();
                    for (Capture.Advert v : ys) {
                        long t = v.micros();
                        // a hand-over may overlap by one interval at either end of a run
                        if (t > s + interval && t < e - interval) {
                            throw new AssertionError("two masters: " + y.name() + " advertised at " + t + " inside "
                                    + x.name() + "'s run " + s + ".." + e + "\n" + diag());
                        }
                    }
                    start = i;
                }
            }
        }
    }

    private Conf conf(int priority) {
        return new Conf(priority == 150 ? "a" : "b").version(3).advertInt("0.1").priority(priority).vip(vip() + "/24");
    }

    private String vip() {
        return segment.prefix4() + "100";
    }

    private Daemon start(Impl impl, Segment.Host h, String name, Conf c, Map<String, String> env) {
        Daemon d = Daemon.start(impl, h, name, c.text(), dir, env);
        daemons.add(d);
        return d;
    }

    private void awaitSole(Segment.Host h, long millis, String what) {
        Segment.Host other = h == a ? b : a;
        assertTrue(Wait.until(millis, () -> h.holds(vip()) && !other.holds(vip())), () -> what + "\n" + diag());
    }

    private static long pidIn(Path file) {
        assertTrue(Wait.until(10_000, () -> Files.exists(file)), "no " + file);
        try {
            return Long.parseLong(Files.readString(file).strip());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static long nowMicros() {
        return System.currentTimeMillis() * 1000L;
    }

    private String diag() {
        StringBuilder s = new StringBuilder("--- addresses\n").append(a.addresses()).append('\n').append(b.addresses()).append('\n');
        for (Daemon d : daemons) {
            s.append("--- ").append(d).append('\n').append(d.logTail(30)).append('\n');
        }
        return s.append("--- capture\n").append(capture.tail(20)).toString();
    }

    /** Reads a log file for messages. */
    private static final class DaemonLog {
        static String read(Path f) {
            try {
                return Files.readString(f);
            } catch (IOException e) {
                return e.toString();
            }
        }
    }

    /** A NOTIFY_SOCKET as systemd has it: an AF_UNIX datagram socket bound to a path. */
    private static final class NotifyListener implements AutoCloseable {
        private final int fd;
        private final List<String> messages = new ArrayList<>();
        private final Thread reader;
        private volatile boolean closed;

        NotifyListener(Path path) throws Exception {
            fd = Native.socket(1, 2, 0); // AF_UNIX, SOCK_DGRAM
            byte[] p = path.toString().getBytes(StandardCharsets.UTF_8);
            ByteBuffer addr = ByteBuffer.allocate(2 + p.length + 1).order(ByteOrder.nativeOrder());
            addr.putShort((short) 1).put(p);
            Native.bind(fd, addr.array());
            Native.setNonBlocking(fd); // polled, so close() never races a blocked recv
            reader = new Thread(() -> {
                ByteBuffer buf = ByteBuffer.allocateDirect(4096);
                while (!closed) {
                    buf.clear();
                    try {
                        int n = Native.recv(fd, buf);
                        if (n < 0) {
                            Thread.sleep(20);
                        } else if (n > 0) {
                            buf.flip();
                            byte[] b = new byte[buf.remaining()];
                            buf.get(b);
                            synchronized (messages) {
                                messages.add(new String(b, StandardCharsets.UTF_8));
                                messages.notifyAll();
                            }
                        }
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "notify-listener");
            reader.setDaemon(true);
            reader.start();
        }

        int count(String state) {
            synchronized (messages) {
                return (int) messages.stream().filter(m -> m.lines().anyMatch(state::equals)).count();
            }
        }

        boolean lastIs(String state) {
            synchronized (messages) {
                return !messages.isEmpty() && messages.get(messages.size() - 1).lines().anyMatch(state::equals);
            }
        }

        boolean await(String state, long millis) {
            return await(() -> count(state) > 0, millis);
        }

        boolean await(java.util.function.BooleanSupplier c, long millis) {
            return Wait.until(millis, c);
        }

        @Override
        public void close() throws Exception {
            closed = true;
            reader.join(2000);
            Native.close(fd);
        }

        @Override
        public String toString() {
            synchronized (messages) {
                return "notifications: " + messages;
            }
        }
    }
}
