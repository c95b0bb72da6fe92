package keepalived.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Enough of an SMTP server for alert tests: 220 on connect, 250 to everything, 354 to DATA, 250
 * after the dot, 221 to QUIT. Each conversation is recorded as the client's lines with their CRLF.
 */
public final class FakeSmtpServer implements AutoCloseable {
    /**
     * The conversation keepalived 2.2.7 had with an SMTP server when instance VI_1 entered MASTER
     * (captured with router_id probe_rtr, smtp_helo_name helo.example, notification_email_from
     * kj@example.com, notification_email a@example.com and "B Person <b@example.com>"); its Date
     * value is replaced by {@code DATE}.
     */
    public static final String KEEPALIVED_MASTER_MAIL = """
            HELO helo.example
            MAIL FROM:<kj@example.com>
            RCPT TO:<a@example.com>
            RCPT TO:<B Person <b@example.com>>
            DATA
            Date: DATE
            From: kj@example.com
            Subject: [probe_rtr] VRRP Instance VI_1 - Entering MASTER state
            X-Mailer: Keepalived
            To: a@example.com, B Person <b@example.com>

            => VRRP Instance is now owning VRRP VIPs <=

            .
            QUIT
            """.replace("\n", "\r\n");

    private final ServerSocket server;
    private final LinkedBlockingQueue<String> conversations = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    /** Serves on an already bound socket (e.g. one opened inside a network namespace). */
    public FakeSmtpServer(ServerSocket server) {
        this.server = server;
        this.acceptor = new Thread(this::serve, "fake-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The next complete conversation (client lines joined, CRLFs kept), or null after the wait. */
    public String next(long waitMs) throws InterruptedException {
        return conversations.poll(waitMs, TimeUnit.MILLISECONDS);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket c = server.accept()) {
                c.setSoTimeout(10_000);
                conversations.add(converse(c));
            } catch (IOException e) {
                // closed, or a client gone mid-way
            }
        }
    }

    private static String converse(Socket c) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = c.getOutputStream();
        reply(out, "220 fake ESMTP");
        StringBuilder seen = new StringBuilder();
        boolean data = false;
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            lines.add(line);
            seen.append(line).append("\r\n");
            if (data) {
                if (line.equals(".")) {
                    data = false;
                    reply(out, "250 queued");
                }
                continue;
            }
            String u = line.toUpperCase(java.util.Locale.ROOT);
            if (u.startsWith("DATA")) {
                data = true;
                reply(out, "354 go ahead");
            } else if (u.startsWith("QUIT")) {
                reply(out, "221 bye");
                break;
            } else {
                reply(out, "250 ok");
            }
        }
        return seen.toString();
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
