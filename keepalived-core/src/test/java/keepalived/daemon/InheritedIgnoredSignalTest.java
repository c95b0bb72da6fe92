package keepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A daemon started with SIGHUP ignored (nohup, {@code trap '' HUP}) must still take SIGHUP: the
 * JVM accepts a handler for an ignored signal but never runs it unless the disposition is reset.
 */
class InheritedIgnoredSignalTest {

    @Test
    void hupIsTakenEvenWhenInheritedAsIgnored() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Process p = new ProcessBuilder(List.of("sh", "-c", "trap '' HUP; exec \"$0\" -cp \"$1\" "
                + SignalProbeMain.class.getName(), java, cp)).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String ready = out.readLine();
            assertTrue(ready != null && ready.startsWith("ready "), "probe did not start: " + ready);
            ProcessHandle.of(p.pid()).orElseThrow();
            Process kill = new ProcessBuilder("kill", "-HUP", ready.substring(6)).start();
            assertEquals(0, kill.waitFor());
            assertEquals("got HUP", out.readLine());
        } finally {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
