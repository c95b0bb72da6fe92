package keepalived.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import keepalived.testing.Prerequisites;
import keepalived.testing.SyslogListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * -l, -G and -S as the daemon's JVM applies them: keepalived.cli.Main in its own JVM, its syslog
 * pointed at a test socket. keepalived-core alone has no subsystem, so the daemon logs its
 * start line (after DaemonLogging.configure) and exits 1: enough to see where that line goes.
 */
class DaemonLoggingJvmTest {
    private static final String START = "Starting Keepalived v";

    @TempDir
    Path dir;
    private Path conf;

    @BeforeEach
    void config() throws Exception {
        Prerequisites.requireRoot(); // the daemon refuses to start without CAP_NET_ADMIN/RAW
        conf = Files.writeString(dir.resolve("k.conf"), "global_defs {\n}\n");
    }

    private record Run(long pid, String stderr, List<String> syslog) {
    }

    private Run daemon(String... flags) throws Exception {
        try (SyslogListener syslogd = new SyslogListener(dir.resolve("log"))) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dkeepalived.syslog.path=" + syslogd.path(),
                    "-cp", classPath(), "keepalived.cli.Main", "-n", "-f", conf.toString(),
                    "-p", dir.resolve("k.pid").toString(), "-r", dir.resolve("v.pid").toString(),
                    "-c", dir.resolve("c.pid").toString(), "-b", dir.resolve("b.pid").toString()));
            cmd.addAll(List.of(flags));
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue(), err); // no subsystem on keepalived-core's class path
            return new Run(p.pid(), err, syslogd.drain(300));
        }
    }

    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp == null || cp.isBlank() ? System.getProperty("java.class.path") : cp;
    }

    @Test
    void byDefaultSyslogOnlyWithFacilityDaemon() throws Exception {
        Run r = daemon();
        assertFalse(r.stderr().contains(START), r.stderr());
        // the start-up lines (version, kernel, command line, config file), then why it stops
        assertTrue(r.syslog().size() >= 4, r.syslog().toString());
        for (String line : r.syslog()) {
            assertTrue(line.startsWith("<30>") && line.contains(" Keepalived[" + r.pid() + "]: "), line);
        }
        assertTrue(r.syslog().get(0).contains("]: " + START), r.syslog().get(0));
    }

    @Test
    void consoleWithDashLKeepsKeepalivedsConsoleFormat() throws Exception {
        Run r = daemon("-l", "-S", "local3");
        assertTrue(r.stderr().lines().anyMatch(l -> l.matches(
                "[A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3][0-9] \\d\\d:\\d\\d:\\d\\d \\d{4}: " + START + ".*")), r.stderr());
        assertTrue(r.syslog().size() >= 4, r.syslog().toString());
        r.syslog().forEach(line -> assertTrue(line.startsWith("<158>"), line));
    }

    @Test
    void dashGSendsNothingToSyslog() throws Exception {
        Run r = daemon("-l", "-G");
        assertTrue(r.stderr().contains(START), r.stderr());
        assertEquals(List.of(), r.syslog());
    }

    @Test
    void ignoredKeywordsAreLoggedOnceAtStart() throws Exception {
        Files.writeString(conf, "global_defs {\n    lvs_flush\n}\n"
                + "virtual_server 10.0.0.1 80 {\n    protocol TCP\n}\n"
                + "virtual_server 10.0.0.2 80 {\n    protocol TCP\n}\n");
        String flush = "(" + conf + ": Line 2) keyword 'lvs_flush' is not implemented by keepalived-java yet - ignoring";
        String vs = "(" + conf + ": Line 4) keyword 'virtual_server' is not implemented by keepalived-java yet";

        Run r = daemon();
        // syslog (the log a detached daemon has) has each notice once; -n without -l also shows them
        assertEquals(1, r.syslog().stream().filter(l -> l.endsWith("]: " + flush)).count(), r.syslog().toString());
        assertEquals(1, r.syslog().stream().filter(l -> l.contains("]: " + vs)).count(), r.syslog().toString());
        assertTrue(r.stderr().contains(flush + "\n"), r.stderr());

        Run console = daemon("-l", "-G");
        // with -l the console log carries them, once
        assertEquals(1, console.stderr().lines().filter(l -> l.endsWith(": " + flush)).count(), console.stderr());
    }
}
