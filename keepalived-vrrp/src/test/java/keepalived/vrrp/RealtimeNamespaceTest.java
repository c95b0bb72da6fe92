package keepalived.vrrp;

import static keepalived.vrrp.DaemonJvm.read;
import static keepalived.vrrp.DaemonJvm.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import keepalived.testing.Cmd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * vrrp_rt_priority, vrrp_cpu_affinity and vrrp_rlimit_rttime on the real daemon: its VRRP loop
 * thread (the task named "vrrp", in whichever process of the daemon's tree runs it) is SCHED_RR at
 * the configured priority and bound to the configured CPU, the process's soft RLIMIT_RTTIME is half
 * the configured limit (keepalived's warning; no hard kill, see ProcessTuning), and the JVM's other threads keep
 * normal scheduling. Read back from the kernel: chrt -p, taskset -p and /proc/PID/limits.
 */
class RealtimeNamespaceTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final DaemonHost host = new DaemonHost("rtrt", "10.250.45.1/24");
    private Process daemon;

    @Test
    @Timeout(60)
    void loopThreadRunsRealtimeOnTheConfiguredCpu() throws Exception {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, """
                global_defs {
                    vrrp_rt_priority 42
                    vrrp_cpu_affinity 0
                    vrrp_rlimit_rttime 30000
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 65
                    priority 255
                    advert_int 1
                    virtual_ipaddress { 10.250.45.100/24 }
                }
                """);
        Path out = dir.resolve("daemon.log");
        daemon = host.start(conf, out);
        assertTrue(waitFor(() -> read(out).contains("running SCHED_RR priority 42")), () -> read(out));

        long[] loop = findTask("vrrp");
        assertNotNull(loop, "no task named vrrp in the daemon's processes");
        String tid = Long.toString(loop[1]);

        String chrt = Cmd.run("chrt", "-p", tid).check().stdout();
        assertTrue(chrt.contains("SCHED_RR"), chrt);
        assertTrue(chrt.contains("priority: 42"), chrt);
        String taskset = Cmd.run("taskset", "-p", tid).check().stdout();
        assertTrue(taskset.trim().endsWith(": 1"), taskset); // mask 0x1 = CPU 0

        // the process's main thread (tid = pid) keeps the default policy
        String main = Cmd.run("chrt", "-p", Long.toString(loop[0])).check().stdout();
        assertTrue(main.contains("SCHED_OTHER"), main);

        String limits = Files.readString(Path.of("/proc", Long.toString(loop[0]), "limits"));
        String rttime = limits.lines().filter(l -> l.startsWith("Max realtime timeout")).findFirst().orElse("");
        assertEquals(List.of("15000", "unlimited", "us"), List.of(rttime.substring(26).trim().split("\\s+")), limits);
    }

    @Test
    @Timeout(60)
    void noSwapLocksTheProcessAndALateLoopRaisesItselfToRealtime() throws Exception {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, """
                global_defs {
                    vrrp_no_swap
                    max_auto_priority 3
                    min_auto_priority_delay 200000
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 66
                    priority 255
                    advert_int 1
                    virtual_ipaddress { 10.250.45.100/24 }
                }
                """);
        Path out = dir.resolve("daemon.log");
        daemon = host.start(conf, out);
        assertTrue(waitFor(() -> read(out).contains("Entering MASTER STATE")), () -> read(out));
        long[] loop = findTask("vrrp");
        assertNotNull(loop, "no task named vrrp in the daemon's processes");
        String pid = Long.toString(loop[0]);
        String tid = Long.toString(loop[1]);

        // vrrp_no_swap: pages locked as touched (MCL_ONFAULT), so the locked size is what is resident
        String status = Files.readString(Path.of("/proc", pid, "status"));
        long locked = Long.parseLong(status.lines().filter(l -> l.startsWith("VmLck:")).findFirst().orElseThrow()
                .replaceAll("\\D", ""));
        assertTrue(locked > 10_000, status); // kB

        // not late yet: normal scheduling (a 200 ms late timer on a loaded box would already raise it)
        assertTrue(chrt(tid).contains("SCHED_OTHER") || rtPriority(tid) >= 1, () -> chrt(tid));
        // a stopped process misses its 1 s advert deadline: the next firing is late, one step up, capped at 3
        for (int step = 1; step <= 4; step++) {
            int before = rtPriority(tid);
            Cmd.run("kill", "-STOP", pid).check();
            Thread.sleep(1300);
            Cmd.run("kill", "-CONT", pid).check();
            int expected = Math.min(before + 1, 3);
            assertTrue(waitFor(() -> rtPriority(tid) >= expected), () -> chrt(tid));
            assertTrue(chrt(tid).contains("SCHED_RR"), () -> chrt(tid));
        }
        assertEquals(3, rtPriority(tid), () -> chrt(tid));
        String limits = Files.readString(Path.of("/proc", pid, "limits"));
        assertTrue(limits.lines().anyMatch(l -> l.startsWith("Max realtime timeout") && l.contains("5000")), limits);
    }

    /** The thread's real-time priority, 0 when it is not real-time. */
    private static int rtPriority(String tid) {
        String c = chrt(tid);
        int at = c.indexOf("priority: ");
        return c.contains("SCHED_RR") && at >= 0 ? Integer.parseInt(c.substring(at + 10).trim().split("\\s+")[0]) : 0;
    }

    private static String chrt(String tid) {
        try {
            return Cmd.run("chrt", "-p", tid).stdout();
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** {pid, tid} of the first task named {@code comm} in the daemon or any of its descendants. */
    private long[] findTask(String comm) throws IOException {
        List<ProcessHandle> procs = Stream.concat(Stream.of(daemon.toHandle()), daemon.descendants()).toList();
        for (ProcessHandle p : procs) {
            Path tasks = Path.of("/proc", Long.toString(p.pid()), "task");
            if (!Files.isDirectory(tasks)) {
                continue;
            }
            try (Stream<Path> ts = Files.list(tasks)) {
                for (Path t : ts.toList()) {
                    try {
                        if (Files.readString(t.resolve("comm")).trim().equals(comm)) {
                            return new long[] {p.pid(), Long.parseLong(t.getFileName().toString())};
                        }
                    } catch (IOException gone) {
                        // the thread ended between list and read
                    }
                }
            }
        }
        return null;
    }
}
