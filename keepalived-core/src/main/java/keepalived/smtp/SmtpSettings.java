package keepalived.smtp;

import java.net.InetSocketAddress;
import java.util.List;

import keepalived.config.Block;
import keepalived.config.global.GlobalDefsKeywords;

/**
 * The global_defs side of e-mail alerts: where to send (smtp_server, port 25 by default), how
 * long to wait (smtp_connect_timeout, 30 s), what to say in HELO (smtp_helo_name, default the
 * host name), who from (notification_email_from, default {@code keepalived@<host>}), who to
 * (notification_email) and the router_id put in subjects (default the host name).
 *
 * @param server null when no smtp_server is configured (alerts are then never sent)
 */
public record SmtpSettings(InetSocketAddress server, long connectTimeoutMs, String heloName, String from,
        List<String> to, String routerId, boolean noEmailFaults) {

    public SmtpSettings {
        to = List.copyOf(to);
    }

    /** Whether anything can be sent at all: a server and at least one recipient. */
    public boolean usable() {
        return server != null && !to.isEmpty();
    }

    public static SmtpSettings from(Block globals) {
        String host = hostName();
        if (globals == null) {
            return new SmtpSettings(null, 30_000, host, "keepalived@" + host, List.of(), host, false);
        }
        String helo = globals.get(GlobalDefsKeywords.SMTP_HELO_NAME);
        String from = globals.get(GlobalDefsKeywords.NOTIFICATION_EMAIL_FROM);
        String routerId = globals.get(GlobalDefsKeywords.ROUTER_ID);
        long timeoutUs = globals.get(GlobalDefsKeywords.SMTP_CONNECT_TIMEOUT);
        return new SmtpSettings(globals.get(GlobalDefsKeywords.SMTP_SERVER), Math.max(1, timeoutUs / 1000),
                helo != null ? helo : host, from != null ? from : "keepalived@" + host,
                globals.get(GlobalDefsKeywords.NOTIFICATION_EMAIL), routerId != null ? routerId : host,
                globals.get(GlobalDefsKeywords.NO_EMAIL_FAULTS));
    }

    /**
     * The effective smtp_alert of a VRRP object: its own setting, else global smtp_alert_vrrp,
     * else global smtp_alert, else off.
     */
    public static boolean vrrpAlert(Boolean own, Block globals) {
        if (own != null) {
            return own;
        }
        if (globals != null) {
            Boolean v = globals.get(GlobalDefsKeywords.SMTP_ALERT_VRRP);
            if (v != null) {
                return v;
            }
            v = globals.get(GlobalDefsKeywords.SMTP_ALERT);
            if (v != null) {
                return v;
            }
        }
        return false;
    }

    static String hostName() {
        // uname's nodename, as keepalived takes it (no DNS look-up)
        try {
            String n = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).trim();
            return n.isEmpty() ? "localhost" : n;
        } catch (java.io.IOException | RuntimeException e) {
            return "localhost";
        }
    }
}
