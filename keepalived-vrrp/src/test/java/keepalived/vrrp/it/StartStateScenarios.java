package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import keepalived.testing.Prerequisites;

/**
 * What one router ({@link #impl()}) does at start when a tracker already fails (notes §3.2): the
 * state lines it logs, the notify scripts it runs and the FIFO lines it writes, from start to
 * SIGTERM. The expectations are keepalived 2.2.7's, checked by running the subclass on it: a
 * weight-0 track_script failing its first run means FAULT without any "Entering" line, one that
 * succeeds gives "Entering BACKUP STATE" without "(init)"; a tracked interface down at start logs
 * "entering FAULT state" in lower case; a sync-group member held by another's failing script is
 * never notified FAULT.
 */
abstract class StartStateScenarios {
    abstract Impl impl();

    Path dir;
    Segment segment;
    Segment.Host host;
    Daemon daemon;
    Process cat;

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        Prerequisites.requireRealKeepalived();
        dir = TestDir.fresh(this, info);
        segment = Segment.create(1);
        segment.addEth1();
        host = segment.host(1);
        host.ns().ip("link", "set", "eth1", "down");
    }

    @AfterEach
    void tearDown() {
        if (daemon != null) {
            daemon.close();
        }
        if (cat != null) {
            cat.destroyForcibly();
        }
        if (segment != null) {
            segment.close();
        }
    }

    record Observed(List<String> log, List<String> calls, List<String> fifo) {
    }

    /** (a) weight-0 script failing from the start: FAULT notified, no state line. */
    @Test
    void unweightedScriptFailingAtStart() throws Exception {
        Observed o = run(instance("VI_1", 51, "track_script {\n        chk_bad\n    }"));
        assertEquals(List.of("VRRP_Script(chk_bad) failed (exited with status 1)"), o.log(), o::toString);
        assertEquals(List.of("fault VI_1", "generic INSTANCE VI_1 FAULT 100", "generic INSTANCE VI_1 STOP 100"),
                o.calls(), o::toString);
        assertEquals(List.of("INSTANCE \"VI_1\" FAULT 100", "INSTANCE \"VI_1\" STOP 100"), o.fifo(), o::toString);
    }

    /** (a) the same with rise/fall and init_fail: the first result decides at once. */
    @Test
    void unweightedInitFailScriptFailingAtStart() throws Exception {
        Observed o = run(instance("VI_1", 51, "track_script {\n        chk_init_fail\n    }"));
        assertEquals(List.of("VRRP_Script(chk_init_fail) failed (exited with status 1)"), o.log(), o::toString);
        assertEquals(List.of("INSTANCE \"VI_1\" FAULT 100", "INSTANCE \"VI_1\" STOP 100"), o.fifo(), o::toString);
    }

    /** (a) a weight-0 script that succeeds: BACKUP once it has run, without "(init)", then MASTER. */
    @Test
    void unweightedScriptSucceedingAtStart() throws Exception {
        Observed o = run(instance("VI_1", 51, "track_script {\n        chk_good\n    }"));
        assertEquals(List.of("VRRP_Script(chk_good) succeeded", "(VI_1) Entering BACKUP STATE",
                "(VI_1) Entering MASTER STATE"), o.log(), o::toString);
        assertEquals(List.of("INSTANCE \"VI_1\" BACKUP 100", "INSTANCE \"VI_1\" MASTER 100", "INSTANCE \"VI_1\" STOP 100"),
                o.fifo(), o::toString);
    }

    /** (b) a weighted script is not waited for and adds nothing before its first result. */
    @Test
    void weightedScriptAtStart() throws Exception {
        Observed o = run(instance("VI_1", 51, "track_script {\n        chk_good weight 20\n    }"));
        assertEquals(List.of("(VI_1) Entering BACKUP STATE (init)", "VRRP_Script(chk_good) succeeded",
                "(VI_1) Changing effective priority from 100 to 120", "(VI_1) Entering MASTER STATE"), o.log(), o::toString);
        assertEquals(List.of("INSTANCE \"VI_1\" BACKUP 100", "INSTANCE \"VI_1\" MASTER 120", "INSTANCE \"VI_1\" STOP 120"),
                o.fifo(), o::toString);
    }

    /** (c) tracked interface down at start. */
    @Test
    void trackedInterfaceDownAtStart() throws Exception {
        Observed o = run(instance("VI_1", 51, "track_interface {\n        eth1\n    }"));
        assertEquals(List.of("(VI_1): entering FAULT state (interface eth1 down)", "(VI_1) entering FAULT state"),
                o.log(), o::toString);
        assertEquals(List.of("fault VI_1", "generic INSTANCE VI_1 FAULT 100", "generic INSTANCE VI_1 STOP 100"),
                o.calls(), o::toString);
        assertEquals(List.of("INSTANCE \"VI_1\" FAULT 100", "INSTANCE \"VI_1\" STOP 100"), o.fifo(), o::toString);
    }

    /** (f) sync group: VI_2's script fails at start; VI_1, held with it, is never notified FAULT. */
    @Test
    void syncGroupMemberScriptFailingAtStart() throws Exception {
        Observed o = run("vrrp_sync_group G {\n    group {\n        VI_1\n        VI_2\n    }\n}\n\n"
                + instance("VI_1", 51, "") + instance("VI_2", 52, "track_script {\n        chk_bad\n    }"));
        assertEquals(List.of("VRRP_Script(chk_bad) failed (exited with status 1)", "VRRP_Group(G) Syncing instances to FAULT state"),
                o.log(), o::toString);
        assertEquals(List.of("fault VI_2", "generic INSTANCE VI_1 STOP 100", "generic INSTANCE VI_2 FAULT 100",
                "generic INSTANCE VI_2 STOP 100"), o.calls(), o::toString);
        assertEquals(List.of("INSTANCE \"VI_2\" FAULT 100", "GROUP \"G\" FAULT 0"), o.fifo().subList(0, 2), o::toString);
    }

    /** (g) an address owner with a failing weight-0 script: FAULT at 255, never MASTER. */
    @Test
    void ownerScriptFailingAtStart() throws Exception {
        Observed o = run(instance("VI_1", 51, "track_script {\n        chk_bad\n    }").replace("priority 100",
                "priority 255").replace("state BACKUP", "state MASTER"));
        assertEquals(List.of("VRRP_Script(chk_bad) failed (exited with status 1)"), o.log(), o::toString);
        assertEquals(List.of("INSTANCE \"VI_1\" FAULT 255", "INSTANCE \"VI_1\" STOP 255"), o.fifo(), o::toString);
    }

    // ---------------------------------------------------------------- running and collecting

    String instance(String name, int vrid, String tracking) {
        return "vrrp_instance " + name + " {\n    state BACKUP\n    interface eth0\n    virtual_router_id " + vrid
                + "\n    priority 100\n    advert_int 0.1\n    " + tracking + "\n"
                + "    notify \"" + dir.resolve("n.sh") + " generic\"\n"
                + "    notify_backup \"" + dir.resolve("n.sh") + " backup " + name + "\"\n"
                + "    notify_master \"" + dir.resolve("n.sh") + " master " + name + "\"\n"
                + "    notify_fault \"" + dir.resolve("n.sh") + " fault " + name + "\"\n"
                + "    virtual_ipaddress {\n        " + segment.prefix4() + (100 + vrid - 50) + "/24\n    }\n}\n\n";
    }

    Observed run(String instances) throws IOException, InterruptedException {
        Path calls = dir.resolve("calls.txt");
        Path script = dir.resolve("n.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$*\" >> " + calls + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path fifo = dir.resolve("fifo");
        Path fifoOut = dir.resolve("fifo.txt");
        keepalived.testing.Cmd.run("mkfifo", fifo.toString()).check();
        cat = new ProcessBuilder("cat", fifo.toString()).redirectOutput(fifoOut.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String script3 = "vrrp_script %s {\n    script \"%s\"\n    interval 1\n%s}\n\n";
        String conf = "global_defs {\n    router_id st\n    vrrp_version 3\n    notify_fifo " + fifo + "\n}\n\n"
                + script3.formatted("chk_bad", "/bin/false", "")
                + script3.formatted("chk_init_fail", "/bin/false", "    rise 2\n    fall 3\n    init_fail\n")
                + script3.formatted("chk_good", "/bin/true", "")
                + instances;
        daemon = Daemon.start(impl(), host, "a", conf, dir);
        Wait.sleep(2500); // first script runs, and MASTER after a 0.1 s master-down interval
        daemon.signal("TERM");
        daemon.waitExit(5000);
        Wait.sleep(300); // STOP scripts
        cat.waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
        List<String> c = Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        List<String> f = Files.exists(fifoOut) ? Files.readAllLines(fifoOut) : List.of();
        return new Observed(stateLines(daemon.log()), c.stream().sorted().toList(), f);
    }

    private static final Pattern STATE_LINE = Pattern.compile(
            "((?:\\(VI_\\d\\)|VRRP_Script\\(|VRRP_Group\\().*(?:(?:STATE|state)(?: \\(.*\\))?|succeeded|failed.*|priority from.*))$");

    /** The start-up story: state lines, script results, priority changes, in order (not the stop). */
    static List<String> stateLines(String log) {
        List<String> out = new ArrayList<>();
        for (String line : log.split("\n")) {
            Matcher m = STATE_LINE.matcher(line.strip());
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }
}
