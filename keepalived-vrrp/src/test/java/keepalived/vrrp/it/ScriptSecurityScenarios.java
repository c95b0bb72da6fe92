package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import keepalived.testing.Prerequisites;

/**
 * Script security on one router ({@link #impl()}), scripts run as root ({@code script_user root}).
 * Its instance tracks four vrrp_scripts: one whose file others may write, one in a directory others
 * may write (both fail and leave a mark when they run), one that does not exist (all three weight
 * 0, so any of them failing would mean FAULT) and a good one of weight 7. notify_master and
 * notify_fault use a script others may write, notify_backup a safe one.
 *
 * <p>keepalived 2.2.7 with {@code enable_script_security} removes the three bad track scripts and
 * the insecure notify scripts: the instance becomes MASTER at 107, the bad scripts never run,
 * notify_master is not run, notify_backup is. Without it the insecure scripts run (FAULT, notify_fault
 * runs) and keepalived logs the SECURITY VIOLATION. Running the subclasses on keepalived checks
 * these expectations.
 */
abstract class ScriptSecurityScenarios {
    abstract Impl impl();

    Path dir;
    /** root-owned, 0700: scripts inside are safe; the sub-directories below make the unsafe cases */
    Path scripts;
    Segment segment;
    Segment.Host host;
    Daemon daemon;
    String vip;

    Path insecureFile;
    Path insecureDir;
    Path missing;
    Path okScript;
    Path markSafe;
    Path markInsecure;

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        Prerequisites.requireRealKeepalived();
        dir = TestDir.fresh(this, info);
        // under /tmp (root, sticky): every directory on the path is safe whatever the checkout's is
        scripts = Files.createTempDirectory("ka-scriptsec");
        Files.setPosixFilePermissions(scripts, PosixFilePermissions.fromString("rwx------"));
        Path open = Files.createDirectory(scripts.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));

        insecureFile = script(scripts.resolve("failing-writable.sh"), "touch " + scripts.resolve("ran-file") + "\nexit 1",
                "rwxr-xrwx");
        insecureDir = script(open.resolve("failing.sh"), "touch " + scripts.resolve("ran-dir") + "\nexit 1", "rwxr-xr-x");
        missing = scripts.resolve("missing.sh");
        okScript = script(scripts.resolve("ok.sh"), "exit 0", "rwxr-xr-x");
        markSafe = script(scripts.resolve("mark.sh"), "touch \"$1\"", "rwxr-xr-x");
        markInsecure = script(scripts.resolve("mark-writable.sh"), "touch \"$1\"", "rwxr-xrwx");

        segment = Segment.create(1);
        host = segment.host(1);
        vip = segment.prefix4() + "100";
    }

    @AfterEach
    void tearDown() throws IOException {
        if (daemon != null) {
            daemon.close();
        }
        if (segment != null) {
            segment.close();
        }
        if (scripts != null) {
            TestDir.deleteTree(scripts);
        }
    }

    /** With script security: the bad scripts are dropped, the instance is MASTER, nothing insecure runs. */
    @Test
    void insecureAndMissingScriptsAreDisabled() {
        daemon = Daemon.start(impl(), host, "a", conf(true), dir);
        assertTrue(Wait.until(15_000, () -> host.holds(vip)), () -> "becomes MASTER\n" + diag());
        // the bad scripts (interval 1 s) would have run and failed by now
        assertTrue(Wait.holdsFor(2500, () -> host.holds(vip)), () -> "stays MASTER, no FAULT\n" + diag());
        String log = daemon.log();
        assertFalse(log.contains("Entering FAULT STATE"), () -> "no FAULT\n" + diag());
        assertFalse(Files.exists(scripts.resolve("ran-file")), "the script others may write never ran");
        assertFalse(Files.exists(scripts.resolve("ran-dir")), "the script in a directory others may write never ran");
        assertTrue(Wait.until(2000, () -> Files.exists(scripts.resolve("m_backup"))), () -> "notify_backup ran\n" + diag());
        assertFalse(Files.exists(scripts.resolve("m_master")), "the insecure notify_master never ran");

        assertLogged(1, "Unsafe permissions found for script '" + insecureFile + "' - disabling.");
        assertLogged(1, "Disabling track script chk_file due to insecure");
        assertLogged(1, "Unsafe permissions found for script '" + insecureDir + "' - disabling.");
        assertLogged(1, "Disabling track script chk_dir due to insecure");
        assertLogged(1, "Script " + missing + " cannot be accessed - No such file or directory");
        assertLogged(1, "Disabling track script chk_missing since not found/accessible");
        // notify_master and notify_fault use it: one line per use
        assertLogged(2, "Unsafe permissions found for script '" + markInsecure + "' - disabling.");
        assertFalse(log.contains("SECURITY VIOLATION"), () -> "no violation with script security\n" + diag());

        // a reload vets again, logs it all again, and the instance stays MASTER
        daemon.signal("HUP");
        assertTrue(daemon.awaitLog("Reload complete", 10_000), () -> "reloaded\n" + diag());
        assertLogged(2, "Disabling track script chk_file due to insecure");
        assertLogged(4, "Unsafe permissions found for script '" + markInsecure + "' - disabling.");
        assertTrue(Wait.holdsFor(2500, () -> host.holds(vip)), () -> "stays MASTER after the reload\n" + diag());
        assertFalse(Files.exists(scripts.resolve("ran-file")) || Files.exists(scripts.resolve("ran-dir")),
                () -> "the insecure scripts never ran after the reload\n" + diag());
        assertFalse(Files.exists(scripts.resolve("m_master")), "the insecure notify_master never ran");
    }

    /** Without script security the insecure scripts run (FAULT, notify_fault) and keepalived complains. */
    @Test
    void withoutScriptSecurityInsecureScriptsRun() {
        daemon = Daemon.start(impl(), host, "a", conf(false), dir);
        assertTrue(Wait.until(15_000, () -> Files.exists(scripts.resolve("ran-file")) && Files.exists(scripts.resolve("ran-dir"))),
                () -> "both insecure track scripts ran\n" + diag());
        assertTrue(daemon.awaitLog("VRRP_Script(chk_file) failed (exited with status 1)", 3000), this::diag);
        // failing weight-0 scripts from the start: FAULT (keepalived 2.2.7 logs no state line for it)
        assertTrue(Wait.holdsFor(2500, () -> !host.holds(vip)), () -> "never MASTER\n" + diag());
        assertTrue(Wait.until(3000, () -> Files.exists(scripts.resolve("m_fault"))),
                () -> "the insecure notify_fault ran\n" + diag());
        assertLogged(1, "SECURITY VIOLATION - scripts are being executed but script_security not enabled."
                + " There are insecure scripts.");
        assertLogged(1, "Unsafe permissions found for script '" + insecureFile + "'.");
        assertLogged(2, "Unsafe permissions found for script '" + markInsecure + "'.");
        // a missing script is dropped either way
        assertLogged(1, "Disabling track script chk_missing since not found/accessible");
    }

    // ---------------------------------------------------------------- config and helpers

    String conf(boolean security) {
        String track = "vrrp_script %s {\n    script \"%s\"\n    interval 1\n    weight %d\n}\n\n";
        return "global_defs {\n    router_id ss\n    vrrp_version 3\n    script_user root\n"
                + (security ? "    enable_script_security\n" : "") + "}\n\n"
                + track.formatted("chk_file", insecureFile, 0)
                + track.formatted("chk_dir", insecureDir, 0)
                + track.formatted("chk_missing", missing, 0)
                + track.formatted("chk_ok", okScript, 7)
                + "vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n"
                + "    priority 100\n    advert_int 0.1\n"
                + "    track_script {\n        chk_file\n        chk_dir\n        chk_missing\n        chk_ok\n    }\n"
                + "    notify_master \"" + markInsecure + " " + scripts.resolve("m_master") + "\"\n"
                + "    notify_backup \"" + markSafe + " " + scripts.resolve("m_backup") + "\"\n"
                + "    notify_fault \"" + markInsecure + " " + scripts.resolve("m_fault") + "\"\n"
                + "    virtual_ipaddress {\n        " + vip + "/24\n    }\n}\n";
    }

    static Path script(Path p, String body, String perms) throws IOException {
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        return p;
    }

    void assertLogged(int times, String line) {
        assertEquals(times, count(daemon.log(), line), () -> "logged " + times + "x: " + line + "\n" + diag());
    }

    static int count(String log, String text) {
        int n = 0;
        for (int i = log.indexOf(text); i >= 0; i = log.indexOf(text, i + text.length())) {
            n++;
        }
        return n;
    }

    String diag() {
        return "--- " + host.name() + ": " + host.addresses() + "\n--- " + daemon
                + (daemon.alive() ? " running" : " exited") + "\n" + daemon.logTail(40);
    }
}
