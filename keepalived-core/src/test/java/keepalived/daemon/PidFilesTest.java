package keepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import keepalived.config.ConfigLoader;
import keepalived.config.KeepalivedConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFilesTest {
    @TempDir
    Path dir;

    private KeepalivedConfig config(String text) throws IOException {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, text);
        return ConfigLoader.load(f.toString(), ConfigLoader.Options.defaults()).config();
    }

    @Test
    void defaultsAreInRun() throws IOException {
        PidFiles p = PidFiles.of(config(""), null, null, null, null, null);
        assertEquals(new PidFiles(Path.of("/run/keepalived.pid"), Path.of("/run/vrrp.pid"),
                Path.of("/run/checkers.pid"), Path.of("/run/bfd.pid")), p);
    }

    @Test
    void pidDirNamespaceAndInstance() throws IOException {
        assertEquals(Path.of("/run/keepalived/vrrp.pid"), PidFiles.of(config("use_pid_dir\n"), null, null, null, null, null).vrrp());
        assertEquals(Path.of("/run/keepalived/keepalived.pid"), PidFiles.of(config(""), "ns1", null, null, null, null).parent());
        PidFiles i = PidFiles.of(config("instance blue\n"), null, null, null, null, null);
        assertEquals(Path.of("/run/keepalived/keepalived_blue.pid"), i.parent());
        assertEquals(Path.of("/run/keepalived/checkers_blue.pid"), i.checker());
        assertEquals(Path.of("/tmp/x.pid"), PidFiles.of(config("instance blue\n"), null, null, "/tmp/x.pid", null, null).vrrp());
    }

    @Test
    void writtenLockedReadableAndRemoved() throws IOException {
        Path f = dir.resolve("sub/k.pid");
        try (PidFiles.Held h = PidFiles.write(f, 4242)) {
            assertEquals("4242\n", Files.readString(f));
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        }
        assertFalse(Files.exists(f));
    }

    @Test
    void livePidOnlyForAnExistingOtherProcess() throws IOException, InterruptedException {
        Path f = dir.resolve("k.pid");
        Files.writeString(f, ProcessHandle.current().pid() + "\n");
        assertTrue(PidFiles.livePid(f).isEmpty(), "our own pid is not another daemon");
        Process p = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(f, p.pid() + "\n");
            assertEquals(p.pid(), PidFiles.livePid(f).getAsLong());
        } finally {
            p.destroyForcibly().waitFor();
        }
        assertTrue(PidFiles.livePid(f).isEmpty(), "a stale pid is taken over");
        Files.writeString(f, "garbage");
        assertTrue(PidFiles.livePid(f).isEmpty());
    }
}
