package keepalived.vrrp;

import static keepalived.vrrp.DaemonJvm.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import keepalived.testing.Cmd;
import keepalived.testing.FakeSmtpServer;
import keepalived.testing.NsThread;
import keepalived.testing.Prerequisites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * smtp_alert end to end: our daemon alone in a namespace, an in-test SMTP server on the
 * namespace's loopback; the instance and its sync group each mail BACKUP (init) and MASTER with
 * the subjects and bodies keepalived 2.2.7 sends for the same configuration.
 */
class VrrpSmtpAlertNamespaceTest {
    private static final String NS = "rts" + ProcessHandle.current().pid();

    @TempDir
    Path dir;
    private Process daemon;
    private NsThread nsThread;
    private FakeSmtpServer smtp;

    @BeforeEach
    void namespace() throws Exception {
        Prerequisites.requireRoot();
        DaemonJvm.createHost(NS, "10.250.43.1/24");
        nsThread = new NsThread(NS);
        smtp = new FakeSmtpServer(nsThread.call(() -> new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))));
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly();
            daemon.waitFor(5, TimeUnit.SECONDS);
        }
        if (smtp != null) {
            smtp.close();
        }
        if (nsThread != null) {
            nsThread.close();
        }
        Cmd.run("ip", "netns", "del", NS);
    }

    @Test
    @Timeout(60)
    void mailsTheMasterTransition() throws Exception {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, """
                global_defs {
                    router_id probe_rtr
                    notification_email {
                        a@example.com
                        "B Person <b@example.com>"
                    }
                    notification_email_from kj@example.com
                    smtp_server 127.0.0.1 %d
                    smtp_helo_name helo.example
                    smtp_connect_timeout 5
                }
                vrrp_sync_group G1 {
                    group { VI_1 }
                    smtp_alert
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 63
                    version 3
                    priority 100
                    advert_int 0.1
                    virtual_ipaddress { 10.250.43.100/24 }
                    smtp_alert
                }
                """.formatted(smtp.port()));
        Path out = dir.resolve("daemon.log");
        daemon = DaemonJvm.start(NS, conf, out);

        TreeSet<String> subjects = new TreeSet<>();
        String masterMail = null;
        for (int i = 0; i < 4; i++) {
            String mail = smtp.next(20_000);
            assertNotNull(mail, () -> "only " + subjects + " arrived:\n" + read(out));
            String subject = mail.lines().filter(l -> l.startsWith("Subject: ")).findFirst().orElse("?");
            subjects.add(subject);
            if (subject.endsWith("VRRP Instance VI_1 - Entering MASTER state")) {
                masterMail = mail;
            }
        }
        assertEquals(new TreeSet<>(List.of(
                "Subject: [probe_rtr] VRRP Group G1 - Entering BACKUP state",
                "Subject: [probe_rtr] VRRP Group G1 - Entering MASTER state",
                "Subject: [probe_rtr] VRRP Instance VI_1 - Entering BACKUP state",
                "Subject: [probe_rtr] VRRP Instance VI_1 - Entering MASTER state")), subjects);
        assertNotNull(masterMail);
        // keepalived 2.2.7's conversation for the same configuration, Date aside
        String expected = FakeSmtpServer.KEEPALIVED_MASTER_MAIL;
        assertEquals(expected, masterMail.replaceFirst("Date: [^\r]*\r\n", "Date: DATE\r\n"));
        assertTrue(read(out).contains("SMTP alert successfully sent."), () -> read(out));

        DaemonJvm.sigterm(daemon);
        assertTrue(daemon.waitFor(20, TimeUnit.SECONDS), () -> "still running:\n" + read(out));
        assertEquals(0, daemon.exitValue(), () -> read(out));
    }

}
