package keepalived.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import keepalived.testing.SyslogListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our syslog lines as a syslogd receives them on a real AF_UNIX datagram socket. */
class SyslogAppenderTest {
    private static final long PID = ProcessHandle.current().pid();
    private static final String STAMP = "[A-Z][a-z]{2} [ 1-3][0-9] \\d\\d:\\d\\d:\\d\\d";

    @TempDir
    Path dir;
    private final LoggerContext ctx = new LoggerContext();
    private SyslogAppender appender;

    @AfterEach
    void stop() {
        if (appender != null) {
            appender.stop();
        }
    }

    private void start(String identity, int facility, Path socket) {
        appender = new SyslogAppender(identity, facility, socket.toString());
        appender.setContext(ctx);
        appender.start();
    }

    private void log(Level level, String message) {
        appender.doAppend(new LoggingEvent("x", ctx.getLogger("keepalived.vrrp"), level, message, null, null));
    }

    @Test
    void lineIsGlibcSyslogWithPidForFacilityDaemon() throws Exception {
        try (SyslogListener syslogd = new SyslogListener(dir.resolve("log"))) {
            start(DaemonLogging.VRRP, 3, syslogd.path());
            String before = stampNow();
            log(Level.INFO, "(VI_1) Entering MASTER STATE");
            String after = stampNow();
            String got = syslogd.receive(2000);
            String tail = " Keepalived_vrrp[" + PID + "]: (VI_1) Entering MASTER STATE";
            // exactly what Debian's keepalived sends: <30>Nov 22 02:13:34 Keepalived_vrrp[26486]: ...
            assertTrue(got.equals("<30>" + before + tail) || got.equals("<30>" + after + tail), got);
        }
    }

    @Test
    void facilityAndSeverityMakeThePri() throws Exception {
        try (SyslogListener syslogd = new SyslogListener(dir.resolve("log"))) {
            start(DaemonLogging.PARENT, 19, syslogd.path()); // -S 3 = local3: keepalived sends <158> for info
            log(Level.INFO, "info");
            log(Level.ERROR, "error");
            log(Level.WARN, "warn");
            log(Level.DEBUG, "detail"); // -D lines: info, as keepalived's
            log(Level.TRACE, "trace");
            String info = syslogd.receive(2000);
            assertTrue(info.matches("<158>" + STAMP + " Keepalived\\[" + PID + "\\]: info"), info);
            assertTrue(syslogd.receive(2000).startsWith("<155>"));
            assertTrue(syslogd.receive(2000).startsWith("<156>"));
            assertTrue(syslogd.receive(2000).startsWith("<158>"));
            assertTrue(syslogd.receive(2000).startsWith("<159>"));
        }
    }

    @Test
    void identityIsPerProcess() throws Exception {
        try (SyslogListener syslogd = new SyslogListener(dir.resolve("log"))) {
            start(DaemonLogging.CHECKER, 3, syslogd.path());
            log(Level.INFO, "Stopped");
            String got = syslogd.receive(2000);
            assertTrue(got.endsWith(" Keepalived_healthcheckers[" + PID + "]: Stopped"), got);
        }
    }

    @Test
    void noSyslogdIsSilentAndARestartedOneIsFoundAgain() throws Exception {
        Path socket = dir.resolve("log");
        start(DaemonLogging.VRRP, 3, socket);
        log(Level.INFO, "nobody listens"); // dropped, no exception, no word anywhere
        try (SyslogListener first = new SyslogListener(socket)) {
            Thread.sleep(1100); // a failed connect is retried after a second
            log(Level.INFO, "one");
            String got = first.receive(2000);
            assertTrue(got != null && got.endsWith(": one"), String.valueOf(got));
        }
        // syslogd restarts: a new socket at the same path, the old connection is dead
        try (SyslogListener second = new SyslogListener(socket)) {
            log(Level.INFO, "two");
            String got = second.receive(2000);
            assertTrue(got != null && got.endsWith(": two"), String.valueOf(got));
            assertNull(second.receive(100));
        }
    }

    @Test
    void longLineIsCutAtTheDatagramSize() throws Exception {
        try (SyslogListener syslogd = new SyslogListener(dir.resolve("log"))) {
            start(DaemonLogging.VRRP, 3, syslogd.path());
            log(Level.INFO, "x".repeat(20000));
            assertEquals(8192, syslogd.receive(2000).length());
        }
    }

    private static String stampNow() {
        return DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.US).format(ZonedDateTime.now(ZoneId.systemDefault()));
    }
}
