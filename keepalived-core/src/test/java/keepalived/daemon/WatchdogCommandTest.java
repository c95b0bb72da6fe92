package keepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WatchdogCommandTest {
    @Test
    void childGetsTheParentsJvmOptionsWithoutTheClassPath() {
        String[] cmd = {"/usr/lib/jvm/java-17/bin/java", "-XX:+UseSerialGC", "-Xms4m", "-cp", "/usr/share/k/lib/*",
            "-Dkeepalived.home=/usr/share/k", "--class-path=/x", "keepalived.cli.Main", "-n", "-cp", "-f", "/etc/k.conf"};
        assertEquals(List.of("-XX:+UseSerialGC", "-Xms4m", "-Dkeepalived.home=/usr/share/k"),
                Watchdog.optionsBeforeMain(cmd));
    }

    @Test
    void anotherMainClassIsNotParsed() {
        assertNull(Watchdog.optionsBeforeMain(new String[] {"java", "-Xmx1g", "org.example.Booter", "-n"}));
    }

    @Test
    void theChildCommandRunsTheSameJavaAndMain() {
        List<String> cmd = Watchdog.childCommand("vrrp", List.of("-n", "-f", "a.conf"));
        assertTrue(cmd.get(0).endsWith("/bin/java"), cmd.toString());
        assertTrue(cmd.contains("-Dkeepalived.child=vrrp"), cmd.toString());
        assertEquals(List.of("keepalived.cli.Main", "-n", "-f", "a.conf"), cmd.subList(cmd.size() - 4, cmd.size()));
    }
}
