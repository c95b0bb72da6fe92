package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import keepalived.testing.Cmd;

/**
 * vrrp_sync_group tracking: the group's track_interface/track_script/track_file apply to every
 * member, a member's own weighted track_script is dropped (unless sync_group_tracking_weight),
 * the group's notify_priority_changes gives FIFO priority lines for the members, and its
 * notify_stop / generic STOP / FIFO STOP follow the members' at shutdown. The same steps run
 * under Debian's keepalived and ours, each alone on one host; FIFO lines, script calls and the
 * priority/sync log lines must match.
 */
class SyncGroupTrackingCompareTest {
    @RegisterExtension
    final Lab lab = Lab.withHosts(1).withEth1();

    record Observed(List<String> argv, List<String> fifo, List<String> logLines, String log) {
    }

    @Test
    void groupTrackersApplyToEveryMemberAsInKeepalived() throws Exception {
        Observed theirs = run(Impl.KEEPALIVED, false);
        Observed ours = run(Impl.OURS, false);
        String why = "keepalived:\n" + theirs + "\nours:\n" + ours;

        for (Observed o : List.of(theirs, ours)) {
            // the member's weighted chkm (+10, succeeding) is dropped: VI_1 starts at 150
            assertTrue(o.fifo().contains("INSTANCE \"VI_1\" BACKUP 150"), () -> "VI_1 starts at 150\n" + why);
            // group track_file tf weight 2, value 5: +10 on both members; group chk (-20) failing
            for (String expected : List.of("INSTANCE \"VI_1\" MASTER_PRIORITY 160", "INSTANCE \"VI_2\" MASTER_PRIORITY 110",
                    "INSTANCE \"VI_1\" MASTER_PRIORITY 140", "INSTANCE \"VI_2\" MASTER_PRIORITY 90",
                    "INSTANCE \"VI_1\" FAULT 160", "GROUP \"G1\" FAULT 0", "GROUP \"G1\" STOP 0")) {
                assertTrue(o.fifo().contains(expected), () -> "missing FIFO line " + expected + "\n" + why);
            }
            assertTrue(o.argv().contains("notify.sh gstop s1"), () -> "group notify_stop\n" + why);
            assertTrue(o.argv().contains("notify.sh ggen g1 GROUP G1 STOP 0"), () -> "group generic STOP\n" + why);
        }
        assertEquals(theirs.fifo(), ours.fifo(), () -> "FIFO lines differ\n" + why);
        assertEquals(theirs.argv().stream().sorted().toList(), ours.argv().stream().sorted().toList(),
                () -> "script calls differ\n" + why);
        assertEquals(theirs.logLines(), ours.logLines(), () -> "priority/state log lines differ\n" + why);
    }

    @Test
    void syncGroupTrackingWeightKeepsMembersWeights() throws Exception {
        Observed theirs = run(Impl.KEEPALIVED, true);
        Observed ours = run(Impl.OURS, true);
        String why = "keepalived:\n" + theirs + "\nours:\n" + ours;
        for (Observed o : List.of(theirs, ours)) {
            // chkm (+10) counts: 150 -> 160, + tf 5 x 2 -> 170, chk failing -> 150
            assertTrue(o.fifo().contains("INSTANCE \"VI_1\" MASTER 160"), () -> "the member's weighted script counts\n" + why);
            assertTrue(o.fifo().contains("INSTANCE \"VI_1\" MASTER_PRIORITY 170"), () -> "file on top\n" + why);
        }
        assertEquals(theirs.fifo().stream().filter(l -> l.contains("VI_2") || l.contains("GROUP")).toList(),
                ours.fifo().stream().filter(l -> l.contains("VI_2") || l.contains("GROUP")).toList(),
                () -> "FIFO lines of VI_2 and the group differ\n" + why);
    }

    private Observed run(Impl impl, boolean trackingWeight) throws Exception {
        Path d = lab.dir().resolve(impl.label());
        Files.createDirectories(d);
        Path argv = d.resolve("argv.log");
        Path script = d.resolve("notify.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$(basename \"$0\") $*\" >> " + argv + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path chkFail = d.resolve("chk.fail");
        Path tf = d.resolve("tf");
        Files.writeString(tf, "0\n");
        Path fifo = d.resolve("fifo");
        Path fifoOut = d.resolve("fifo.txt");
        Cmd.run("mkfifo", fifo.toString()).check();
        ProcessBuilder pb = new ProcessBuilder("cat", fifo.toString());
        pb.redirectOutput(fifoOut.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process cat = pb.start();
        lab.track(() -> cat.destroyForcibly());

        String conf = "global_defs {\n    router_id r1\n    vrrp_version 3\n    notify_fifo " + fifo + "\n}\n\n"
                + "vrrp_script chk {\n    script \"/usr/bin/test ! -e " + chkFail + "\"\n    interval 1\n    weight -20\n}\n\n"
                + "vrrp_script chkm {\n    script /bin/true\n    interval 1\n    weight 10\n}\n\n"
                + "track_file tf {\n    file " + tf + "\n    weight 1\n}\n\n"
                + "vrrp_sync_group G1 {\n    group {\n        VI_1\n        VI_2\n    }\n"
                + "    track_interface {\n        eth1\n    }\n    track_script {\n        chk\n    }\n"
                + "    track_file {\n        tf weight 2\n    }\n"
                + "    notify_stop \"" + script + " gstop s1\"\n    notify \"" + script + " ggen g1\"\n"
                + "    notify_priority_changes true\n" + (trackingWeight ? "    sync_group_tracking_weight\n" : "") + "}\n\n"
                + instance("VI_1", 51, 150, lab.segment().prefix4() + "100",
                        "    track_script {\n        chkm\n    }\n    notify_stop \"" + script + " istop i1\"\n")
                + instance("VI_2", 52, 100, lab.segment().prefix4() + "101", "");
        Daemon daemon = Daemon.start(impl, lab.host(1), impl.label(), conf, d);
        lab.track(daemon);
        String vi1 = trackingWeight ? "160" : "150";
        String up = trackingWeight ? "170" : "160";
        String down = trackingWeight ? "150" : "140";
        awaitCount(daemon, "Entering MASTER STATE", 2, 15_000);
        if (trackingWeight) {
            // the script's first result: keepalived logs 150 -> 160, ours may start at 160
            assertTrue(Wait.until(5000, () -> read(fifoOut).contains("INSTANCE \"VI_1\" MASTER 160")),
                    () -> "VI_1 MASTER at 160\n" + daemon.logTail(40));
        }
        Wait.sleep(300);
        Files.writeString(tf, "5\n");
        awaitCount(daemon, "(VI_2) Changing effective priority from 100 to 110", 1, 5000);
        awaitCount(daemon, "(VI_1) Changing effective priority from " + vi1 + " to " + up, 1, 5000);
        Files.writeString(chkFail, "x");
        awaitCount(daemon, "(VI_2) Changing effective priority from 110 to 90", 1, 5000);
        awaitCount(daemon, "(VI_1) Changing effective priority from " + up + " to " + down, 1, 5000);
        Files.delete(chkFail);
        awaitCount(daemon, "(VI_2) Changing effective priority from 90 to 110", 1, 5000);
        awaitCount(daemon, "(VI_1) Changing effective priority from " + down + " to " + up, 1, 5000);
        lab.host(1).ns().ip("link", "set", "eth1", "down");
        awaitCount(daemon, "(VI_2) Entering FAULT STATE", 1, 5000);
        Wait.sleep(300);
        lab.host(1).ns().ip("link", "set", "eth1", "up");
        awaitCount(daemon, "Entering MASTER STATE", 4, 5000);
        Wait.sleep(300);
        daemon.signal("TERM");
        assertEquals(0, daemon.waitExit(5000), () -> impl.label() + " exits 0 after SIGTERM\n" + daemon.logTail(30));
        daemon.close();
        Wait.sleep(300); // scripts started at the end
        cat.waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
        cat.destroyForcibly();
        List<String> calls = Files.exists(argv) ? Files.readAllLines(argv) : List.of();
        List<String> lines = Files.exists(fifoOut) ? Files.readAllLines(fifoOut) : List.of();
        List<String> logLines = daemon.log().lines()
                .filter(l -> l.contains("Changing effective priority") || l.contains("Syncing instances")
                        || l.contains("Entering "))
                .map(l -> l.substring(l.indexOf(": ") + 2)).toList();
        lab.host(1).ns().ip("addr", "flush", "dev", "eth0", "to", lab.segment().prefix4() + "100/32");
        lab.host(1).ns().ip("addr", "flush", "dev", "eth0", "to", lab.segment().prefix4() + "101/32");
        return new Observed(calls, lines, logLines, daemon.log());
    }

    private static String instance(String name, int vrid, int prio, String vip, String extra) {
        return "vrrp_instance " + name + " {\n    state BACKUP\n    interface eth0\n    virtual_router_id " + vrid
                + "\n    priority " + prio + "\n    advert_int 0.1\n" + extra + "    virtual_ipaddress {\n        " + vip
                + "/24\n    }\n}\n\n";
    }

    private static void awaitCount(Daemon d, String text, int count, long millis) {
        assertTrue(Wait.until(millis, () -> occurrences(d.log(), text) >= count),
                () -> d + ": expected '" + text + "' " + count + " time(s)\n" + d.logTail(40));
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static int occurrences(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
