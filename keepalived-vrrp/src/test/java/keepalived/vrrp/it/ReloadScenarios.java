package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInfo;

import keepalived.testing.Cmd;
import keepalived.testing.Prerequisites;

/**
 * SIGHUP reload of a MASTER (host 1, priority 150, {@link #master()}) beside a BACKUP peer (host
 * 2, priority 100, {@link #peer()}), host 3 captures. The config file is edited, HUP goes to the
 * pid the test started (whatever process layout it runs), and everything is judged on the wire
 * and on the hosts: adverts and GARPs in the capture, addresses polled with {@code ip -j addr},
 * notify script calls. Measured values are printed and appended to target/it/measurements.txt.
 */
abstract class ReloadScenarios {
    static final int HIGH = 150;
    static final int LOW = 100;
    /** The advert interval: short enough for quick tests, long enough that a busy host does not fail over. */
    String interval = "0.2";

    abstract Impl master();

    abstract Impl peer();

    Path dir;
    Segment segment;
    Capture capture;
    Segment.Host a;
    Segment.Host b;
    Path notifyLog;
    final List<Daemon> daemons = new ArrayList<>();
    private String testName;

    @RegisterExtension
    final Lab lab = Lab.withHosts(3);

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        Prerequisites.require(Cmd.available("tcpdump"), "tcpdump (apt-get install tcpdump)");
        testName = getClass().getSimpleName() + "." + info.getTestMethod().map(m -> m.getName()).orElse("test");
        dir = lab.dir();
        notifyLog = dir.resolve("notify.log");
        Path script = dir.resolve("notify.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$*\" >> " + notifyLog + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        segment = lab.segment();
        a = segment.host(1);
        b = segment.host(2);
        capture = lab.track(Capture.start(segment.host(3), dir.resolve("capture.txt")));
    }

    // ---------------------------------------------------------------- scenarios

    /**
     * A new instance starts (and, at the higher priority, takes its VRID over from the peer); the
     * MASTER already running shows nothing: no advert at another priority, no GARP, no notify,
     * its VIP present at every poll.
     */
    @Test
    void addingAnInstanceLeavesTheRunningMasterAlone() throws Exception {
        Daemon da = startPair(List.of(inst("VI_1", 51, HIGH, vip(1))),
                List.of(inst("VI_1", 51, LOW, vip(1)), inst("VI_2", 52, LOW, vip(2))));
        awaitSoleHolder(b, vip(2), 15_000, "the peer alone runs VI_2");
        int notifies = notifyLines("VI_1").size();

        long hup = reload(da, List.of(inst("VI_1", 51, HIGH, vip(1)), inst("VI_2", 52, HIGH, vip(2))), vip(1));
        awaitSoleHolder(a, vip(2), 10_000, "the added VI_2 starts and preempts the peer");
        assertNotNull(capture.await(Capture.Garp.class, g -> g.mac().equals(a.mac()) && g.address().equals(vip(2))
                && g.micros() > hup, 3000), () -> "no GARP for the new instance's VIP\n" + diag());
        Wait.sleep(1000);
        assertUndisturbed(hup, 51, vip(1), notifies);
    }

    /**
     * A removed MASTER instance sends priority 0 and releases its VIP; the peer takes the VRID
     * over. The other instance stays undisturbed.
     */
    @Test
    void removingAnInstanceReleasesItsVipToThePeer() throws Exception {
        Daemon da = startPair(List.of(inst("VI_1", 51, HIGH, vip(1)), inst("VI_2", 52, HIGH, vip(2))),
                List.of(inst("VI_1", 51, LOW, vip(1)), inst("VI_2", 52, LOW, vip(2))));
        awaitSoleHolder(a, vip(2), 15_000, "A is MASTER of VI_2");
        int notifies = notifyLines("VI_1").size();

        long hup = reload(da, List.of(inst("VI_1", 51, HIGH, vip(1))), vip(1));
        Capture.Advert zero = capture.await(Capture.Advert.class, x -> x.mac().equals(a.mac()) && x.vrid() == 52
                && x.prio() == 0 && x.micros() > hup, 5000);
        assertNotNull(zero, () -> "no priority-0 advert for the removed VRID\n" + diag());
        awaitSoleHolder(b, vip(2), 5000, "the peer takes the removed instance's VRID over");
        Capture.Advert peerFirst = capture.await(Capture.Advert.class, x -> x.mac().equals(b.mac()) && x.vrid() == 52
                && x.micros() > zero.micros(), 3000);
        assertNotNull(peerFirst, () -> "no advert from the peer for VRID 52\n" + diag());
        record("priority 0 to peer's first advert (VRID 52)", (peerFirst.micros() - zero.micros()) / 1000.0);
        Wait.sleep(1000);
        assertTrue(capture.adverts(x -> x.mac().equals(a.mac()) && x.vrid() == 52 && x.micros() > zero.micros())
                .isEmpty(), () -> "A still advertises the removed VRID\n" + diag());
        assertTrue(notifyLines("VI_2").stream().anyMatch(l -> l.contains("FAULT")),
                () -> "the removed instance was not notified FAULT: " + notifyLines("VI_2"));
        assertUndisturbed(hup, 51, vip(1), notifies);
    }

    /**
     * A MASTER's VIP set changes from {X, Y} to {X, Z}: Y leaves, Z arrives and is announced,
     * X never flaps and gets no GARP; the adverts list the new set at the same priority.
     */
    @Test
    void changingTheVipsOfAMaster() throws Exception {
        // the peer drops adverts whose address list differs from its own, so it is reloaded too,
        // right after A, and the master-down interval (3 s + skew) covers the moments between
        interval = "1";
        Daemon da = startPair(List.of(inst("VI_1", 51, HIGH, vip(1), vip(2))), List.of(inst("VI_1", 51, LOW, vip(1),
                vip(2))));
        awaitSoleHolder(a, vip(2), 5000, "A holds both VIPs");
        int notifies = notifyLines("VI_1").size();

        AddressWatch watch = AddressWatch.start(a, vip(1));
        long hup = reload(da, List.of(inst("VI_1", 51, HIGH, vip(1), vip(3))), null);
        Files.writeString(dir.resolve("b.conf"), config("b", List.of(inst("VI_1", 51, LOW, vip(1), vip(3)))));
        daemons.get(1).signal("HUP");
        assertTrue(Wait.until(10_000, () -> a.holds(vip(3)) && !a.holds(vip(2))),
                () -> "the VIP set did not change\n" + diag());
        assertNotNull(capture.await(Capture.Garp.class, g -> g.mac().equals(a.mac()) && g.address().equals(vip(3))
                && g.micros() > hup, 3000), () -> "no GARP for the added VIP\n" + diag());
        Wait.sleep(1000);
        AddressWatch.Result seen = watch.stop();
        record("polls of kept VIP across the reload", seen.samples());
        assertEquals(0, seen.absent(), () -> "the kept VIP was missing at " + seen.absent() + " polls\n" + diag());
        int garps = capture.all(Capture.Garp.class, g -> g.mac().equals(a.mac()) && g.address().equals(vip(3))
                && g.micros() > hup).size();
        record("GARPs for the added VIP", garps);
        assertUndisturbed(hup, 51, vip(1), notifies);
        assertFalse(b.holds(vip(3)), "the peer must not take the new VIP");
    }

    /** A broken config on HUP: the MASTER keeps running the old one, VIP in place, errors logged. */
    @Test
    void brokenConfigKeepsTheRunningMaster() throws Exception {
        Daemon da = startPair(List.of(inst("VI_1", 51, HIGH, vip(1))), List.of(inst("VI_1", 51, LOW, vip(1))));
        int notifies = notifyLines("VI_1").size();
        AddressWatch watch = AddressWatch.start(a, vip(1));
        long hup = nowMicros();
        Files.writeString(dir.resolve("a.conf"), config("a", List.of(inst("VI_1", 51, HIGH, vip(1))))
                + "vrrp_instance VI_BROKEN {\n    interface eth0\n    virtual_router_id 999\n");
        da.signal("HUP");
        assertTrue(da.awaitLog("New config failed validation", 10_000), () -> "no validation error logged\n" + diag());
        Wait.sleep(1500);
        AddressWatch.Result seen = watch.stop();
        assertTrue(da.alive(), "the daemon must keep running");
        assertEquals(0, seen.absent(), () -> "the VIP was missing at " + seen.absent() + " polls\n" + diag());
        assertUndisturbed(hup, 51, vip(1), notifies);
        // and the running configuration still works: A still answers a takeover attempt by nothing but adverts
        assertFalse(capture.adverts(x -> x.mac().equals(a.mac()) && x.vrid() == 51 && x.micros() > hup).isEmpty(),
                () -> "A stopped advertising\n" + diag());
    }

    // ---------------------------------------------------------------- helpers

    record Inst(String name, int vrid, int priority, List<String> vips) {
    }

    static Inst inst(String name, int vrid, int priority, String... vips) {
        return new Inst(name, vrid, priority, List.of(vips));
    }

    /** VIP number {@code n} of the segment (10.250.N.(100+n)), without prefix length. */
    String vip(int n) {
        return segment.prefix4() + (100 + n);
    }

    String config(String routerId, List<Inst> instances) {
        StringBuilder s = new StringBuilder("global_defs {\n    router_id " + routerId + "\n    vrrp_version 3\n}\n\n");
        for (Inst i : instances) {
            s.append("vrrp_instance ").append(i.name()).append(" {\n")
                    .append("    state ").append(i.priority() == HIGH ? "MASTER" : "BACKUP").append('\n')
                    .append("    interface eth0\n")
                    .append("    virtual_router_id ").append(i.vrid()).append('\n')
                    .append("    priority ").append(i.priority()).append('\n')
                    .append("    advert_int ").append(interval).append('\n')
                    .append("    notify \"").append(dir.resolve("notify.sh")).append(' ').append(routerId).append("\"\n")
                    .append("    virtual_ipaddress {\n");
            for (String v : i.vips()) {
                s.append("        ").append(v).append("/24\n");
            }
            s.append("    }\n}\n\n");
        }
        return s.toString();
    }

    /** A with {@code high} until it holds its first VIP alone, then the peer with {@code low} until it is BACKUP. */
    Daemon startPair(List<Inst> high, List<Inst> low) {
        Daemon da = Daemon.start(master(), a, "a", config("a", high), dir);
        daemons.add(lab.track(da));
        awaitSoleHolder(a, high.get(0).vips().get(0), 15_000, "A alone becomes MASTER");
        Daemon db = Daemon.start(peer(), b, "b", config("b", low), dir);
        daemons.add(lab.track(db));
        db.awaitBackup();
        Wait.sleep(1000);
        assertTrue(a.holds(high.get(0).vips().get(0)) && !b.holds(high.get(0).vips().get(0)),
                () -> "A must stay MASTER beside the peer\n" + diag());
        return da;
    }

    /**
     * Rewrites A's config, sends HUP to the process the test started and returns the time of the
     * HUP (epoch microseconds). With {@code watched} the VIP is polled from before the HUP until
     * the caller's checks, and {@link #assertUndisturbed} reports the polls.
     */
    long reload(Daemon da, List<Inst> instances, String watched) throws IOException {
        if (watched != null) {
            this.watch = AddressWatch.start(a, watched);
            Wait.sleep(200);
        }
        Files.writeString(dir.resolve("a.conf"), config("a", instances));
        long hup = nowMicros();
        da.signal("HUP");
        return hup;
    }

    private AddressWatch watch;

    /**
     * The instance on {@code vrid} went through the reload untouched: no advert from A at another
     * priority than 150 (no priority 0 either), no GARP for its VIP, no new notify line, and (when
     * polled) its VIP present at every poll.
     */
    void assertUndisturbed(long hup, int vrid, String vip, int notifiesBefore) {
        List<Capture.Advert> after = capture.adverts(x -> x.mac().equals(a.mac()) && x.vrid() == vrid && x.micros() > hup);
        assertFalse(after.isEmpty(), () -> "no adverts from A after the HUP\n" + diag());
        List<Capture.Advert> other = after.stream().filter(x -> x.prio() != HIGH).toList();
        assertTrue(other.isEmpty(), () -> "A advertised another priority after the HUP: " + other + "\n" + diag());
        List<Capture.Garp> garps = capture.all(Capture.Garp.class, g -> g.mac().equals(a.mac()) && g.address().equals(vip)
                && g.micros() > hup);
        record("GARPs for the kept VIP after HUP", garps.size());
        assertTrue(garps.isEmpty(), () -> "GARPs for the kept VIP after the HUP: " + garps.size() + "\n" + diag());
        List<String> notifies = notifyLines("VI_1");
        assertEquals(notifiesBefore, notifies.size(), () -> "new notify calls for VI_1: " + notifies);
        List<Capture.Advert> peer = capture.adverts(x -> x.mac().equals(b.mac()) && x.vrid() == vrid && x.micros() > hup
                && x.prio() > 0);
        assertTrue(peer.isEmpty(), () -> "the peer advertised (took over) VRID " + vrid + "\n" + diag());
        long maxGap = 0;
        for (int i = 1; i < after.size(); i++) {
            maxGap = Math.max(maxGap, after.get(i).micros() - after.get(i - 1).micros());
        }
        record("largest advert gap of the kept instance after HUP", maxGap / 1000.0);
        if (watch != null) {
            AddressWatch.Result seen = watch.stop();
            watch = null;
            record("polls of the kept VIP across the reload", seen.samples());
            assertEquals(0, seen.absent(), () -> "the kept VIP was missing at " + seen.absent() + " polls\n" + diag());
        }
    }

    /** The notify script's lines about {@code instance} ("a INSTANCE VI_1 MASTER 150"), A's only. */
    List<String> notifyLines(String instance) {
        try {
            if (!Files.exists(notifyLog)) {
                return List.of();
            }
            return Files.readAllLines(notifyLog).stream().filter(l -> l.startsWith("a ")
                    && l.contains(" " + instance + " ")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void awaitSoleHolder(Segment.Host h, String address, long millis, String what) {
        boolean ok = Wait.until(millis, () -> soleHolder(h, address)) && Wait.holdsFor(200, () -> soleHolder(h, address));
        assertTrue(ok, () -> what + ": expected " + h.name() + " to be the only holder of " + address + "\n" + diag());
    }

    private boolean soleHolder(Segment.Host h, String address) {
        for (Segment.Host x : List.of(a, b)) {
            if (x.holds(address) != (x == h)) {
                return false;
            }
        }
        return true;
    }

    static long nowMicros() {
        return System.currentTimeMillis() * 1000L;
    }

    private static boolean measurementsStarted;

    void record(String what, double value) {
        String line = String.format(Locale.ROOT, "%-55s %-50s %9.1f", testName, what, value);
        System.out.println(line);
        try {
            Path m = dir.getParent().getParent().resolve("measurements.txt");
            synchronized (ReloadScenarios.class) {
                if (!measurementsStarted) {
                    measurementsStarted = true;
                }
                Files.writeString(m, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException ignored) {
            // the printed line is enough
        }
    }

    String diag() {
        StringBuilder s = new StringBuilder("--- addresses\n");
        for (Segment.Host h : List.of(a, b)) {
            s.append(h.name()).append(": ").append(h.addresses()).append('\n');
        }
        for (Daemon d : daemons) {
            s.append("--- ").append(d).append(d.alive() ? " running" : " exited").append('\n').append(d.logTail(30)).append('\n');
        }
        s.append("--- notify\n").append(String.join("\n", notifyLinesAll()));
        s.append("\n--- capture (").append(dir.resolve("capture.txt")).append(")\n").append(capture.tail(20));
        return s.toString();
    }

    private List<String> notifyLinesAll() {
        try {
            return Files.exists(notifyLog) ? Files.readAllLines(notifyLog) : List.of();
        } catch (IOException e) {
            return List.of(e.toString());
        }
    }

}
