package keepalived.config.global;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;

import keepalived.config.Block;
import keepalived.smtp.SmtpSettings;
import org.junit.jupiter.api.Test;

/** global_defs to {@link SmtpSettings}. */
class SmtpAlerterSettingsTest {
    @Test
    void settingsFromGlobalDefs() throws Exception {
        Block g = GlobalConfigFixture.load("""
                global_defs {
                    router_id r1
                    notification_email {
                        a@example.com
                    }
                    notification_email_from me@example.com
                    smtp_server 127.0.0.1 2525
                    smtp_connect_timeout 7
                    smtp_helo_name hh
                    smtp_alert_vrrp
                    no_email_faults
                }
                """).config().globalDefs();
        SmtpSettings s = SmtpSettings.from(g);
        assertEquals(new InetSocketAddress("127.0.0.1", 2525), s.server());
        assertEquals(7000, s.connectTimeoutMs());
        assertEquals("hh", s.heloName());
        assertEquals("me@example.com", s.from());
        assertEquals(List.of("a@example.com"), s.to());
        assertEquals("r1", s.routerId());
        assertTrue(s.noEmailFaults());
        assertTrue(SmtpSettings.vrrpAlert(null, g));
        assertFalse(SmtpSettings.vrrpAlert(false, g));
        assertNull(SmtpSettings.from(null).server());
        assertFalse(SmtpSettings.vrrpAlert(null, null));
    }
}
