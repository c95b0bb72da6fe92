package keepalived.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Sends each log line to the local syslogd exactly as glibc's syslog(3) does for keepalived
 * (openlog with LOG_PID): one datagram {@code <PRI>Mmm dd hh:mm:ss IDENT[PID]: message}, no
 * hostname, no trailing newline, the timestamp in local time with a space-padded day. The line
 * is built in one reused direct buffer; the timestamp is formatted once a second.
 */
public final class SyslogAppender extends AppenderBase<ILoggingEvent> {
    /** System property overriding {@link #DEFAULT_PATH} (tests listen on their own socket). */
    public static final String PATH_PROPERTY = "keepalived.syslog.path";
    public static final String DEFAULT_PATH = "/dev/log";

    // syslog.h severities
    static final int LOG_ERR = 3;
    static final int LOG_WARNING = 4;
    static final int LOG_INFO = 6;
    static final int LOG_DEBUG = 7;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss ", Locale.US);
    private static final int MAX_DATAGRAM = 8192;

    private final SyslogSocket socket;
    private final byte[][] priByLevel = new byte[4][];
    private final byte[] tag;
    private final ZoneId zone = ZoneId.systemDefault();
    private final ByteBuffer line = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private long stampSecond = Long.MIN_VALUE;
    private byte[] stamp;

    /**
     * @param identity the syslog ident (Keepalived, Keepalived_vrrp ...)
     * @param facility the facility code as -S gives it (daemon 3, local0-7 16-23)
     * @param path     the syslogd socket, normally {@link #socketPath()}
     */
    public SyslogAppender(String identity, int facility, String path) {
        this.socket = new SyslogSocket(path);
        int[] severities = {LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG};
        for (int i = 0; i < severities.length; i++) {
            priByLevel[i] = ("<" + (facility << 3 | severities[i]) + ">").getBytes(StandardCharsets.US_ASCII);
        }
        this.tag = (identity + "[" + ProcessHandle.current().pid() + "]: ").getBytes(StandardCharsets.UTF_8);
        setName("SYSLOG");
    }

    /** /dev/log, or the path in the {@value #PATH_PROPERTY} system property. */
    public static String socketPath() {
        return System.getProperty(PATH_PROPERTY, DEFAULT_PATH);
    }

    @Override
    protected void append(ILoggingEvent event) {
        line.clear();
        line.put(priByLevel[levelIndex(event.getLevel())]);
        line.put(stamp(event.getTimeStamp()));
        line.put(tag);
        encode(event.getFormattedMessage());
        IThrowableProxy t = event.getThrowableProxy();
        if (t != null) {
            encode(": " + t.getClassName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
        }
        line.flip();
        socket.send(line);
    }

    /**
     * DEBUG is -D's detail, which keepalived logs at LOG_INFO like its other lines (captured from
     * keepalived 2.2.7 -D): only TRACE goes out as LOG_DEBUG.
     */
    private static int levelIndex(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> 0;
            case Level.WARN_INT -> 1;
            case Level.INFO_INT, Level.DEBUG_INT -> 2;
            default -> 3;
        };
    }

    /** The message as UTF-8, cut where the datagram is full (as a too-long line would be). */
    private void encode(String text) {
        utf8.reset();
        utf8.encode(CharBuffer.wrap(text), line, true);
    }

    private byte[] stamp(long millis) {
        long second = Math.floorDiv(millis, 1000);
        if (second != stampSecond) {
            ZonedDateTime t = Instant.ofEpochSecond(second).atZone(zone);
            stamp = STAMP.format(t).getBytes(StandardCharsets.US_ASCII);
            stampSecond = second;
        }
        return stamp;
    }

    @Override
    public void stop() {
        super.stop();
        socket.close();
    }
}
