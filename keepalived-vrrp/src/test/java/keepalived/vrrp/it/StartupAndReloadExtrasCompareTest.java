package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * vrrp_startup_delay, vrrp_notify_fifo_script, unicast_fault_no_peer and notify_deleted: the same
 * steps (start, reload without two of the three instances, SIGTERM) run under Debian's keepalived
 * and ours, each alone on one host, and what the scripts saw must match.
 */
class StartupAndReloadExtrasCompareTest {
    static final long DELAY_MS = 2000;

    @RegisterExtension
    final Lab lab = Lab.withHosts(1);

    /** What one implementation did: notify calls (sorted), FIFO script lines, ms from BACKUP to MASTER. */
    record Observed(List<String> notifies, List<String> fifoScript, long takeOverMs, String log) {
    }

    @Test
    void startupDelayFifoScriptFaultWithoutPeersAndDeletedMatchKeepalived() throws Exception {
        Observed theirs = run(Impl.KEEPALIVED);
        Observed ours = run(Impl.OURS);
        String why = "keepalived:\n" + theirs + "\nours:\n" + ours;
        for (Observed o : List.of(theirs, ours)) {
            assertTrue(o.log().contains("Delaying startup for 2 seconds"), () -> "startup delay logged\n" + why);
            assertTrue(o.takeOverMs() >= DELAY_MS - 300, () -> "no take-over during the startup delay\n" + why);
            // unicast_fault_no_peer: FAULT instead of multicast
            assertTrue(o.notifies().contains("notify.sh gen INSTANCE VI_3 FAULT 100"), () -> "VI_3 FAULT\n" + why);
            // notify_deleted: DELETED on removal (also from FAULT), and the notify_deleted script
            assertTrue(o.notifies().contains("notify.sh gen INSTANCE VI_2 DELETED 100"), () -> "VI_2 DELETED\n" + why);
            assertTrue(o.notifies().contains("notify.sh gen INSTANCE VI_3 DELETED 100"), () -> "VI_3 DELETED\n" + why);
            assertTrue(o.notifies().contains("notify.sh del2"), () -> "notify_deleted script\n" + why);
            // the FIFO script: started with the FIFO as last argument, restarted on reload
            String started = "fifoscript " + lab.dir().resolve(o == theirs ? "keepalived" : "ours").resolve("vfifo");
            assertEquals(2, o.fifoScript().stream().filter(started::equals).count(),
                    () -> "FIFO script started, then restarted on reload\n" + why);
            assertTrue(o.fifoScript().contains("got INSTANCE \"VI_3\" FAULT 100"), () -> "FIFO script reads\n" + why);
        }
        assertEquals(theirs.notifies(), ours.notifies(), () -> "notify calls differ\n" + why);
        assertEquals(linesBeforeReload(theirs), linesBeforeReload(ours), () -> "FIFO script lines differ\n" + why);
    }

    /** What the first FIFO script read (sorted: start-up lines of different instances may interleave). */
    private static List<String> linesBeforeReload(Observed o) {
        List<String> l = new ArrayList<>();
        int starts = 0;
        for (String s : o.fifoScript()) {
            if (s.startsWith("fifoscript ")) {
                starts++;
            } else if (starts == 1 && s.startsWith("got ")) {
                l.add(s);
            }
        }
        return l.stream().sorted().toList();
    }

    private Observed run(Impl impl) throws Exception {
        Path d = lab.dir().resolve(impl.label());
        Files.createDirectories(d);
        Path argv = d.resolve("argv.log");
        Path fifoLog = d.resolve("fifoscript.log");
        Path script = d.resolve("notify.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$(basename \"$0\") $*\" >> " + argv + "\n");
        Path reader = d.resolve("fifoscript.sh");
        Files.writeString(reader, "#!/bin/sh\necho \"fifoscript $*\" >> " + fifoLog + "\n"
                + "while read line; do echo \"got $line\" >> " + fifoLog + "; done < \"$1\"\n");
        for (Path p : List.of(script, reader)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path fifo = d.resolve("vfifo");
        String globals = "global_defs {\n    router_id r1\n    vrrp_version 3\n    vrrp_startup_delay 2\n"
                + "    vrrp_notify_fifo " + fifo + "\n    vrrp_notify_fifo_script " + reader + "\n}\n\n";
        String vi1 = instance("VI_1", 51, 150, "100", "    notify \"" + script + " gen\"\n");
        String removed = instance("VI_2", 52, 100, "101",
                "    notify_deleted \"" + script + " del2\"\n    notify \"" + script + " gen\"\n")
                + instance("VI_3", 53, 100, "102", "    unicast_src_ip " + lab.host(1).ipv4() + "\n    unicast_fault_no_peer\n"
                        + "    notify_deleted\n    notify \"" + script + " gen\"\n");
        Daemon daemon = Daemon.start(impl, lab.host(1), impl.label(), globals + vi1 + removed, d);
        lab.track(daemon);
        assertTrue(daemon.awaitLog("(VI_1) Entering BACKUP STATE", 15_000), () -> daemon.logTail(30));
        long backupAt = System.nanoTime();
        assertTrue(daemon.awaitLog("(VI_1) Entering MASTER STATE", 10_000), () -> daemon.logTail(30));
        long takeOverMs = (System.nanoTime() - backupAt) / 1_000_000;
        assertTrue(daemon.awaitLog("(VI_2) Entering MASTER STATE", 5000), () -> daemon.logTail(30));
        Wait.sleep(300);

        Files.writeString(d.resolve(impl.label() + ".conf"), globals + vi1);
        daemon.signal("HUP");
        assertTrue(daemon.awaitLog("Reload complete", 10_000), () -> daemon.logTail(30));
        assertTrue(Wait.until(5000, () -> read(argv).contains("INSTANCE VI_3 DELETED")), () -> daemon.logTail(30));
        Wait.sleep(500);
        daemon.signal("TERM");
        assertEquals(0, daemon.waitExit(5000), () -> impl.label() + " exits 0 after SIGTERM\n" + daemon.logTail(30));
        daemon.close();
        Wait.sleep(300);
        for (String vip : List.of("100", "101", "102")) {
            lab.host(1).ns().ip("addr", "flush", "dev", "eth0", "to", lab.segment().prefix4() + vip + "/32");
        }
        List<String> calls = read(argv).lines().sorted().toList();
        return new Observed(calls, read(fifoLog).lines().toList(), takeOverMs, daemon.log());
    }

    private String instance(String name, int vrid, int prio, String vip, String extra) {
        return "vrrp_instance " + name + " {\n    state BACKUP\n    interface eth0\n    virtual_router_id " + vrid
                + "\n    priority " + prio + "\n    advert_int 0.1\n" + extra + "    virtual_ipaddress {\n        "
                + lab.segment().prefix4() + vip + "/24\n    }\n}\n\n";
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
