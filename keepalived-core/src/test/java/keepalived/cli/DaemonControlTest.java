package keepalived.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --status never sends SIGRTMIN+2 to a process that would die of it (default action), and does
 * see a process that blocks it (as bin/keepalived's JVM does for its signalfd).
 */
class DaemonControlTest {
    @TempDir
    Path dir;

    @Test
    void statusRefusesAProcessThatDoesNotHandleSigrtminPlus2() throws Exception {
        Process plain = new ProcessBuilder("sleep", "60").start();
        Process masked = new ProcessBuilder("perl", "-MPOSIX", "-e",
                "sigprocmask(SIG_BLOCK, POSIX::SigSet->new(36, 63)) or die; exec 'sleep', '60'").start();
        try {
            assertTrue(waitForExec(masked), "perl did not exec sleep");
            assertFalse(DaemonControl.takes(plain.pid(), 36));
            assertTrue(DaemonControl.takes(masked.pid(), 36));

            Path pid = dir.resolve("keepalived.pid");
            Files.writeString(pid, plain.pid() + "\n");
            Path conf = dir.resolve("keepalived.conf");
            Files.writeString(conf, "global_defs {\n}\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(new String[] {"--status", "-f", conf.toString(), "-p", pid.toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(1, code, err.toString(StandardCharsets.UTF_8));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("does not handle SIGRTMIN+2"), err::toString);
            assertFalse(plain.waitFor(500, TimeUnit.MILLISECONDS), "the process was signalled");
        } finally {
            plain.destroyForcibly();
            masked.destroyForcibly();
        }
    }

    /** perl's exec keeps the pid: wait until the process is sleep (so its mask is the one set). */
    private static boolean waitForExec(Process p) throws Exception {
        for (int i = 0; i < 100; i++) {
            List<String> cmd = Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "comm"));
            if (!cmd.isEmpty() && cmd.get(0).equals("sleep")) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
