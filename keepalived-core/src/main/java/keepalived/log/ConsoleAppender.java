package keepalived.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Prints each log line to stderr the way keepalived -l does: a local timestamp
 * ({@code Sun Nov 22 03:56:11 2026: }) and the message. Written by hand rather than with
 * logback's pattern encoder so a daemon does not load logback's XML and pattern machinery
 * (about 400 classes, 4 MB of metaspace and 0.2 s of start per JVM).
 */
public final class ConsoleAppender extends AppenderBase<ILoggingEvent> {
    /** The appender's name, detached by {@link DaemonLogging} without -l. */
    public static final String NAME = "STDERR";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy: ", Locale.US);

    private final ZoneId zone = ZoneId.systemDefault();
    private final StringBuilder line = new StringBuilder(256);
    private long stampSecond = Long.MIN_VALUE;
    private String stamp;

    public ConsoleAppender() {
        setName(NAME);
    }

    @Override
    protected void append(ILoggingEvent event) {
        // AppenderBase.doAppend is synchronized: one line at a time, so the builder is reusable
        line.setLength(0);
        line.append(stamp(event.getTimeStamp())).append(event.getFormattedMessage()).append('\n');
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append(ThrowableProxyUtil.asString(thrown)).append('\n');
        }
        // System.err read each time: tests and -t may have replaced it
        PrintStream err = System.err;
        err.print(line);
        err.flush();
    }

    private String stamp(long millis) {
        long second = Math.floorDiv(millis, 1000);
        if (second != stampSecond) {
            stamp = STAMP.format(Instant.ofEpochSecond(second).atZone(zone));
            stampSecond = second;
        }
        return stamp;
    }
}
