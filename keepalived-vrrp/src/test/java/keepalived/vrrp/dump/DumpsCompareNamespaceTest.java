package keepalived.vrrp.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import keepalived.testing.Cmd;
import keepalived.testing.Prerequisites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * keepalived 2.2.7 and ours on the same configuration (three instances: VIPs with a label, a
 * sync group with a notify script, a unicast peer, a tracked script and interface, notify
 * scripts), each in its own namespace with the same interfaces: the dump files must have the same
 * structure ({@link DumpStructure}). Every dump is asked for by signal to the parent, as an
 * operator does: USR1, USR2, SIGRTMIN+2 (36) and SIGRTMAX-1 (63).
 */
class DumpsCompareNamespaceTest {
    private static final String KA_NS = "dmk" + ProcessHandle.current().pid();
    private static final String OUR_NS = "dmo" + ProcessHandle.current().pid();
    private static final long WAIT_MS = 20_000;

    @TempDir
    Path dir;
    private final List<Process> daemons = new ArrayList<>();

    @BeforeEach
    void hosts() {
        Prerequisites.requireRoot();
        Prerequisites.requireRealKeepalived();
        for (String ns : List.of(KA_NS, OUR_NS)) {
            Cmd.run("ip", "netns", "add", ns).check();
            Cmd.run("ip", "-n", ns, "link", "set", "lo", "up").check();
            Cmd.run("ip", "-n", ns, "link", "add", "eth0", "type", "veth", "peer", "name", "eth1").check();
            Cmd.run("ip", "-n", ns, "addr", "add", "10.99.0.1/24", "dev", "eth0").check();
            Cmd.run("ip", "-n", ns, "addr", "add", "10.99.0.2/24", "dev", "eth1").check();
            Cmd.run("ip", "-n", ns, "link", "set", "eth0", "up").check();
            Cmd.run("ip", "-n", ns, "link", "set", "eth1", "up").check();
        }
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (Process p : daemons) {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        Cmd.run("ip", "netns", "del", KA_NS);
        Cmd.run("ip", "netns", "del", OUR_NS);
    }

    private Path notifyScript() throws IOException {
        Path notify = dir.resolve("notify.sh");
        Files.writeString(notify, "#!/bin/sh\necho \"$@\" >> " + dir.resolve("notify.log") + "\n");
        Files.setPosixFilePermissions(notify, PosixFilePermissions.fromString("rwxr-xr-x"));
        return notify;
    }

    /** Multicast and unicast instances, a sync group, a tracked script and interface, notify scripts. */
    private String syncGroupConfig() throws IOException {
        return """
                global_defs {
                    router_id dumpref
                    enable_script_security
                    script_user root
                }
                vrrp_script chk_true {
                    script "/usr/bin/true"
                    interval 1
                    weight 5
                }
                vrrp_sync_group G1 {
                    group {
                        VI_A
                        VI_B
                    }
                    notify_master "NOTIFY group_master"
                }
                vrrp_instance VI_A {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 150
                    advert_int 1
                    virtual_ipaddress {
                        10.99.0.100/24
                        10.99.0.101/24 label eth0:1
                    }
                    notify_master "NOTIFY master_A"
                    notify "NOTIFY generic_A"
                }
                vrrp_instance VI_B {
                    state BACKUP
                    interface eth0
                    virtual_router_id 52
                    priority 100
                    advert_int 1
                    unicast_src_ip 10.99.0.1
                    unicast_peer {
                        10.99.0.2
                    }
                    virtual_ipaddress {
                        10.99.0.110/24
                    }
                    notify_backup "NOTIFY backup_B"
                }
                vrrp_instance VI_C {
                    state BACKUP
                    interface eth1
                    virtual_router_id 53
                    priority 90
                    advert_int 1
                    virtual_ipaddress {
                        10.99.0.120/24
                    }
                    track_script {
                        chk_true
                    }
                    track_interface {
                        eth0
                    }
                    notify "NOTIFY generic_C"
                }
                """.replace("NOTIFY", notifyScript().toString());
    }

    /** IPv6 with nopreempt; PASS authentication, VMAC, preempt_delay, eVIPs, a weighted interface (virtual routes: see docs). */
    private String featuresConfig() throws IOException {
        return """
                global_defs {
                    router_id features
                    vrrp_garp_master_refresh 60
                }
                vrrp_instance V6 {
                    state BACKUP
                    nopreempt
                    interface eth0
                    version 3
                    virtual_router_id 71
                    priority 120
                    advert_int 1
                    virtual_ipaddress {
                        fd00:99::100/64
                    }
                    notify_fault "NOTIFY fault_6"
                    notify_stop "NOTIFY stop_6"
                }
                vrrp_instance VP {
                    state BACKUP
                    interface eth0
                    use_vmac
                    virtual_router_id 72
                    priority 110
                    advert_int 1
                    preempt_delay 5
                    garp_master_refresh 30
                    authentication {
                        auth_type PASS
                        auth_pass secret
                    }
                    virtual_ipaddress {
                        10.99.0.130/24
                    }
                    virtual_ipaddress_excluded {
                        10.99.1.130/24
                    }
                    track_interface {
                        eth1 weight 10
                    }
                }
                """.replace("NOTIFY", notifyScript().toString());
    }

    private Process start(String ns, List<String> command, Path tmp, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TMPDIR", tmp.toString());
        pb.environment().put("_JAVA_SR_SIGNUM", "40");
        Process p = pb.start();
        daemons.add(p);
        return p;
    }

    private static List<String> pidFiles(Path d) {
        return List.of("-p", d.resolve("p.pid").toString(), "-r", d.resolve("v.pid").toString(),
                "-c", d.resolve("c.pid").toString(), "-b", d.resolve("b.pid").toString());
    }

    @Test
    @Timeout(120)
    void syncGroupUnicastAndTrackedScript() throws Exception {
        compare(syncGroupConfig(), List.of("VI_A", "VI_B", "VI_C"), List.of("\"iname\":\"VI_A\"", "\"vrid\":51",
                "\"base_priority\":150", "\"effective_priority\":95", "\"state\":2", "\"track_ifp\":[\"eth0\"]",
                "\"track_script\":[\"'\\/usr\\/bin\\/true'\"]", "\"auth_type\":0"));
    }

    @Test
    @Timeout(120)
    void ipv6VmacAuthenticationAndExcludedVips() throws Exception {
        compare(featuresConfig(), List.of("V6", "VP"), List.of("\"iname\":\"V6\"", "\"vmac_ifname\":\"vrrp.72\"", "\"ifp_ifname\":\"vrrp.72\"",
                "\"nopreempt\":true", "\"preempt_delay\":5", "\"effective_priority\":120", "\"auth_type\":1",
                "\"auth_data\":\"secret\""));
    }

    private void compare(String config, List<String> names, List<String> jsonFacts) throws Exception {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, config);
        Path kaDir = Files.createDirectory(dir.resolve("ka"));
        Path ourDir = Files.createDirectory(dir.resolve("ours"));
        Path kaLog = dir.resolve("ka.log");
        Path ourLog = dir.resolve("ours.log");

        List<String> ka = new ArrayList<>(List.of(Prerequisites.KEEPALIVED, "-n", "-l", "-D", "-f", conf.toString()));
        ka.addAll(pidFiles(kaDir));
        start(KA_NS, ka, kaDir, kaLog);
        // as bin/keepalived starts java: SIGRTMIN+2 and SIGRTMAX-1 blocked, for the daemon's signalfd
        List<String> ours = new ArrayList<>(List.of("perl", "-MPOSIX", "-e",
                "sigprocmask(SIG_BLOCK, POSIX::SigSet->new(36, 63)) or die; exec {$ARGV[0]} @ARGV or die", "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "keepalived.cli.Main", "-n", "-l", "-D",
                "-f", conf.toString()));
        ours.addAll(pidFiles(ourDir));
        Process our = start(OUR_NS, ours, ourDir, ourLog);

        for (Path log : List.of(kaLog, ourLog)) {
            for (String vi : names) {
                assertTrue(waitFor(() -> read(log).contains("(" + vi + ") Entering MASTER STATE")),
                        () -> vi + " not MASTER in " + log + ":\n" + read(log));
            }
        }
        long kaParent = Long.parseLong(waitForText(kaDir.resolve("p.pid")).trim());

        // USR1 and USR2, by signal, to both parents
        for (long pid : List.of(kaParent, our.pid())) {
            Cmd.run("kill", "-USR1", Long.toString(pid)).check();
            Cmd.run("kill", "-USR2", Long.toString(pid)).check();
        }
        for (Path d : List.of(kaDir, ourDir)) {
            for (String f : List.of("keepalived.data", "keepalived_parent.data", "keepalived.stats")) {
                waitForText(d.resolve(f));
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d.resolve(f))), f);
            }
        }
        assertTrue(waitFor(() -> read(ourLog).contains("Printing parent data for process(" + our.pid() + ") on signal")
                && read(ourLog).contains("Printing VRRP data for process(")
                && read(ourLog).contains("Printing VRRP stats for process(")), () -> read(ourLog));
        keep(kaDir, ourDir, names.get(0));
        for (String f : List.of("keepalived_parent.data", "keepalived.data", "keepalived.stats")) {
            assertEquals(DumpStructure.of(read(kaDir.resolve(f))), DumpStructure.of(read(ourDir.resolve(f))), f);
        }

        // JSON and STATS_CLEAR (real-time signals: ours takes them from a signalfd, the launcher blocks them)
        String kaJson = jsonThenClear(kaParent, kaDir);
        String kaBeforeClear = read(kaDir.resolve("stats-before-clear"));
        String kaAfterClear = read(kaDir.resolve("keepalived.stats"));
        String ourJson = jsonThenClear(our.pid(), ourDir);
        String ourBeforeClear = read(ourDir.resolve("stats-before-clear"));
        String ourAfterClear = read(ourDir.resolve("keepalived.stats"));
        assertTrue(waitFor(() -> read(ourLog).contains("Printing VRRP as json for process(")
                && read(ourLog).contains("Printing and clearing VRRP stats for process(")), () -> read(ourLog));

        assertEquals(DumpStructure.jsonKeys(kaJson), DumpStructure.jsonKeys(ourJson),
                () -> "keepalived: " + kaJson + "\nours:       " + ourJson);
        assertEquals(1, ourJson.lines().count());
        assertEquals(DumpStructure.of(kaBeforeClear), DumpStructure.of(ourBeforeClear));
        for (String before : List.of(kaBeforeClear, ourBeforeClear)) {
            assertTrue(before.contains("  Became master: 1\n"), before);
        }
        for (String after : List.of(kaAfterClear, ourAfterClear)) {
            assertTrue(after.contains("  Became master: 0\n"), after);
        }
        for (String key : jsonFacts) {
            assertTrue(kaJson.contains(key), key + " in " + kaJson);
            assertTrue(ourJson.contains(key), key + " in " + ourJson);
        }
    }

    /** Keeps both sets of dumps under target/dumps/FIRST_INSTANCE/ for a reader of a failure. */
    private static void keep(Path kaDir, Path ourDir, String name) throws IOException {
        Path out = Path.of("target", "dumps", name);
        for (Path d : List.of(kaDir, ourDir)) {
            Path to = Files.createDirectories(out.resolve(d.getFileName()));
            for (String f : List.of("keepalived_parent.data", "keepalived.data", "keepalived.stats")) {
                if (Files.exists(d.resolve(f))) {
                    Files.copy(d.resolve(f), to.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * SIGRTMIN+2, then SIGRTMAX-1 (stats, then cleared; kept as stats-before-clear), then USR2
     * (the cleared counters) to {@code pid}; returns the JSON.
     */
    private static String jsonThenClear(long pid, Path d) throws Exception {
        Cmd.run("kill", "-36", Long.toString(pid)).check();
        String json = waitForText(d.resolve("keepalived.json"));
        Files.delete(d.resolve("keepalived.stats"));
        Cmd.run("kill", "-63", Long.toString(pid)).check();
        waitForText(d.resolve("keepalived.stats"));
        Files.move(d.resolve("keepalived.stats"), d.resolve("stats-before-clear"));
        Cmd.run("kill", "-USR2", Long.toString(pid)).check();
        waitForText(d.resolve("keepalived.stats"));
        return json;
    }

    private static String waitForText(Path file) throws InterruptedException {
        assertTrue(waitFor(() -> !read(file).isEmpty()), () -> file + " not written");
        return read(file);
    }

    private static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
