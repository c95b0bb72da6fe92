package keepalived.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import keepalived.testing.FakeSmtpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The alert conversation over loopback, against what keepalived 2.2.7 was seen to send. */
class SmtpAlerterTest {
    @Test
    @Timeout(30)
    void sendsKeepalivedsConversation() throws Exception {
        try (FakeSmtpServer server = new FakeSmtpServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()))) {
            SmtpSettings s = new SmtpSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
                    5000, "helo.example", "kj@example.com", List.of("a@example.com", "B Person <b@example.com>"),
                    "probe_rtr", false);
            SmtpAlerter alerter = new SmtpAlerter(s);
            alerter.alert(alerter.vrrpSubject(false, "VI_1", "MASTER"), SmtpAlerter.vrrpBody(false, "MASTER"));
            String got = server.next(10_000);
            alerter.close(1000);
            assertNotNull(got);
            // captured from Debian's keepalived 2.2.7 with the same settings (Date varies)
            String expected = FakeSmtpServer.KEEPALIVED_MASTER_MAIL;
            String normalised = got.replaceFirst("Date: [A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} "
                    + "[+-]\\d{4}\r\n", "Date: DATE\r\n");
            assertEquals(expected, normalised);
        }
    }

    @Test
    void bodiesAndSubjects() {
        SmtpAlerter a = new SmtpAlerter(new SmtpSettings(null, 1000, "h", "f", List.of(), "rtr", false));
        assertEquals("[rtr] VRRP Group G1 - Entering BACKUP state", a.vrrpSubject(true, "G1", "BACKUP"));
        assertEquals("=> All VRRP group instances are now in BACKUP state <=", SmtpAlerter.vrrpBody(true, "BACKUP"));
        assertEquals("=> VRRP Instance is no longer owning VRRP VIPs <=", SmtpAlerter.vrrpBody(false, "BACKUP"));
        assertEquals("=> VRRP Instance is now in FAULT state <=", SmtpAlerter.vrrpBody(false, "FAULT"));
        assertFalse(a.settings().usable());
        a.alert("x", "y"); // no server: nothing queued, no error
        a.close();
    }

    @Test
    @Timeout(30)
    void unreachableServerIsLoggedNotThrown() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SmtpAlerter a = new SmtpAlerter(new SmtpSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                1000, "h", "f@x", List.of("t@x"), "rtr", false));
        a.alert("s", "b");
        a.close(5000);
    }
}
