package keepalived.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends keepalived's alert e-mails: one SMTP conversation per alert (HELO, MAIL FROM, one RCPT TO
 * per recipient, DATA with Date/From/Subject/X-Mailer/To headers and the one-line body, QUIT), on
 * one background thread so that callers (an event loop) never block. Connect and every reply are
 * bounded by smtp_connect_timeout. Shared by VRRP and the checkers.
 */
public final class SmtpAlerter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("keepalived.smtp");
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH);
    private static final int MAX_QUEUED = 256;

    private final SmtpSettings settings;
    private final ThreadPoolExecutor executor;

    public SmtpAlerter(SmtpSettings settings) {
        this.settings = settings;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(MAX_QUEUED), r -> {
                    Thread t = new Thread(r, "smtp");
                    t.setDaemon(true);
                    return t;
                }, (r, e) -> LOG.warn("SMTP alert queue full - dropping alert"));
    }

    public SmtpSettings settings() {
        return settings;
    }

    /** Queues one alert; returns at once. Does nothing without smtp_server or recipients. */
    public void alert(String subject, String body) {
        if (!settings.usable() || executor.isShutdown()) {
            return;
        }
        String date = DATE.format(ZonedDateTime.now());
        executor.execute(() -> send(subject, body, date));
    }

    /** Subject of a VRRP instance alert, e.g. {@code [rtr] VRRP Instance VI_1 - Entering MASTER state}. */
    public String vrrpSubject(boolean group, String name, String state) {
        return "[" + settings.routerId() + "] VRRP " + (group ? "Group " : "Instance ") + name + " - Entering "
                + state + " state";
    }

    /** keepalived's one-line bodies of VRRP alerts. */
    public static String vrrpBody(boolean group, String state) {
        if (group) {
            return "=> All VRRP group instances are now in " + state + " state <=";
        }
        return switch (state) {
            case "MASTER" -> "=> VRRP Instance is now owning VRRP VIPs <=";
            case "BACKUP" -> "=> VRRP Instance is no longer owning VRRP VIPs <=";
            case "FAULT" -> "=> VRRP Instance is now in FAULT state <=";
            default -> "=> VRRP Instance is now in " + state + " state <=";
        };
    }

    /** The DATA part (without the final dot line), CRLF line ends, as keepalived 2.2.7 sends it. */
    public static String message(SmtpSettings s, String date, String subject, String body) {
        return "Date: " + date + "\r\n"
                + "From: " + s.from() + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "X-Mailer: Keepalived\r\n"
                + "To: " + String.join(", ", s.to()) + "\r\n"
                + "\r\n"
                + body + "\r\n"
                + "\r\n";
    }

    private void send(String subject, String body, String date) {
        InetSocketAddress server = settings.server();
        String where = "[" + server.getAddress().getHostAddress() + "]:" + server.getPort();
        int timeout = (int) Math.min(Integer.MAX_VALUE, settings.connectTimeoutMs());
        try (Socket socket = new Socket()) {
            try {
                socket.connect(server, timeout);
            } catch (IOException e) {
                LOG.info("Error connecting SMTP server {}: {}", where, e.getMessage());
                return;
            }
            socket.setSoTimeout(timeout);
            LOG.info("Remote SMTP server {} connected.", where);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            expect(in, 220, "connect");
            command(out, in, "HELO " + settings.heloName(), 250, "HELO");
            command(out, in, "MAIL FROM:<" + settings.from() + ">", 250, "MAIL");
            for (String rcpt : settings.to()) {
                command(out, in, "RCPT TO:<" + rcpt + ">", 250, "RCPT");
            }
            command(out, in, "DATA", 354, "DATA");
            write(out, message(settings, date, subject, body) + ".\r\n");
            expect(in, 250, "DATA");
            command(out, in, "QUIT", 221, "QUIT");
            LOG.info("SMTP alert successfully sent.");
        } catch (SmtpException e) {
            LOG.info(e.getMessage());
        } catch (IOException e) {
            LOG.info("Error sending SMTP alert to {}: {}", where, e.getMessage());
        }
    }

    private static void command(OutputStream out, BufferedReader in, String line, int code, String what)
            throws IOException {
        write(out, line + "\r\n");
        expect(in, code, what);
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads a (possibly multi-line) reply and checks its code. */
    private static void expect(BufferedReader in, int code, String what) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new SmtpException("SMTP server closed the connection during " + what);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        int got;
        try {
            got = Integer.parseInt(line.substring(0, Math.min(3, line.length())));
        } catch (NumberFormatException e) {
            got = -1;
        }
        if (got != code) {
            throw new SmtpException("Error processing " + what + " cmd on SMTP server. SMTP status code = " + got);
        }
    }

    private static final class SmtpException extends IOException {
        SmtpException(String message) {
            super(message);
        }
    }

    /** Lets queued alerts go out for up to {@code waitMs}, then stops the thread. */
    public void close(long waitMs) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(waitMs, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops taking alerts; the queued ones still go out (on a daemon thread) while the process lives. */
    @Override
    public void close() {
        executor.shutdown();
    }
}
