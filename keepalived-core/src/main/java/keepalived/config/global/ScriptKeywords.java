package keepalived.config.global;

import static keepalived.config.global.GlobalDefsKeywords.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import keepalived.config.Args;
import keepalived.config.Block;
import keepalived.config.Key;
import keepalived.config.Schema;

/** global_defs keywords for e-mail alerts, scripts and notify FIFOs. */
final class ScriptKeywords {
    private ScriptKeywords() {
    }

    static void declare(Schema s) {
        s.custom("router_id", (b, a) -> {
            if (a.has(1)) {
                b.set(ROUTER_ID, a.word(1), a.origin());
            } else {
                a.error("routerid name missing - ignoring");
            }
        }).doc("Identifies this node in e-mails (default: host name)");
        s.list("notification_email", NOTIFICATION_EMAIL, a -> a.word(0)).doc("Recipients of alert e-mails");
        s.custom("notification_email_from", (b, a) -> {
            if (a.has(1)) {
                b.set(NOTIFICATION_EMAIL_FROM, a.word(1), a.origin());
            } else {
                a.error("emailfrom missing - ignoring");
            }
        }).doc("From: of alert e-mails (default keepalived@HOSTNAME)");
        s.custom("smtp_server", ScriptKeywords::smtpServer).doc("SMTP server host [port] (port 25)");
        s.custom("smtp_helo_name", (b, a) -> {
            if (a.has(1)) {
                b.set(SMTP_HELO_NAME, a.word(1), a.origin());
            }
        }).doc("Name sent in HELO (default host name)");
        s.custom("smtp_connect_timeout", (b, a) -> {
            a.required(1);
            Long v = GlobalArgs.integer(a, 1, 0, 4294);
            if (v == null) {
                a.error("smtp_connect_timeout '" + a.word(1) + "' must be in [0, 4294] - ignoring");
            } else if (v == 0) {
                a.error("smtp_conect_timeout must be greater than 0, setting to 1");
                b.set(SMTP_CONNECT_TIMEOUT, 1_000_000L, a.origin());
            } else {
                b.set(SMTP_CONNECT_TIMEOUT, v * 1_000_000L, a.origin());
            }
        }).doc("SMTP connection timeout, seconds (30)");
        globalBool(s, "smtp_alert", SMTP_ALERT).doc("Default for per-object smtp_alert");
        globalBool(s, "smtp_alert_vrrp", SMTP_ALERT_VRRP).doc("Default smtp_alert of VRRP instances");
        globalBool(s, "smtp_alert_checker", SMTP_ALERT_CHECKER).doc("Default smtp_alert of checkers");
        s.bareFlag("no_email_faults", NO_EMAIL_FAULTS).doc("No e-mail on FAULT transitions");
        namedBool(s, "checker_log_all_failures", CHECKER_LOG_ALL_FAILURES).doc("Log every failed check");
        s.bareFlag("no_checker_emails", NO_CHECKER_EMAILS).doc("E-mail only when real servers are added/removed");
        s.bareFlag("rs_init_notifies", RS_INIT_NOTIFIES).doc("Notify real-server state at startup");

        s.bareFlag("enable_script_security", ENABLE_SCRIPT_SECURITY)
                .doc("Refuse to run root scripts writable by non-root users");
        s.custom("script_user", (b, a) -> {
            if (!a.has(1)) {
                a.error("No script username specified");
                return;
            }
            if (!UserDb.userExists(a.word(1)) || (a.has(2) && !UserDb.groupExists(a.word(2)))) {
                a.error("Error setting global script uid/gid");
                return;
            }
            b.set(SCRIPT_USER, a.word(1), a.origin());
            if (a.has(2)) {
                b.set(SCRIPT_GROUP, a.word(2), a.origin());
            }
        }).doc("Default user [group] scripts run as");
        namedBool(s, "set_supplementary_groups", SET_SUPPLEMENTARY_GROUPS).since("2.4")
                .doc("Give scripts the script user's supplementary groups");
        namedBool(s, "use_symlink_paths", USE_SYMLINK_PATHS).since("2.4")
                .doc("Do not resolve symlinks in script paths");
        startStopScript(s, "startup", STARTUP_SCRIPT).doc("Script run before the children start");
        startStopScript(s, "shutdown", SHUTDOWN_SCRIPT).doc("Script run after the children stop");
        scriptTimeout(s, "startup_script_timeout", STARTUP_SCRIPT_TIMEOUT);
        scriptTimeout(s, "shutdown_script_timeout", SHUTDOWN_SCRIPT_TIMEOUT);

        fifo(s, "", NOTIFY_FIFO, NOTIFY_FIFO_SCRIPT);
        fifo(s, "vrrp_", VRRP_NOTIFY_FIFO, VRRP_NOTIFY_FIFO_SCRIPT);
        fifo(s, "lvs_", LVS_NOTIFY_FIFO, LVS_NOTIFY_FIFO_SCRIPT);
        globalBool(s, "vrrp_notify_priority_changes", VRRP_NOTIFY_PRIORITY_CHANGES)
                .doc("Also write priority changes to the notify FIFOs");
        s.bareFlag("fifo_write_vrrp_states_on_reload", FIFO_WRITE_VRRP_STATES_ON_RELOAD)
                .doc("Write VRRP states to the FIFOs after a reload");
    }

    /** A boolean whose bad value keepalived reports as "Invalid value 'X' for global K specified". */
    static keepalived.config.Keyword globalBool(Schema s, String word, Key<Boolean> key) {
        return globalBool(s, word, word, key);
    }

    static keepalived.config.Keyword globalBool(Schema s, String word, String shownAs, Key<Boolean> key) {
        return s.value(word, key, a -> GlobalArgs.optionalBool(a,
                "Invalid value '" + a.word(1) + "' for global " + shownAs + " specified"));
    }

    /** A boolean whose bad value keepalived reports as "Invalid value for K specified". */
    static keepalived.config.Keyword namedBool(Schema s, String word, Key<Boolean> key) {
        return s.value(word, key, a -> GlobalArgs.optionalBool(a, "Invalid value for " + word + " specified"));
    }

    private static void smtpServer(Block.Builder b, Args a) {
        String host = a.required(1);
        String portWord = a.has(2) ? a.word(2) : "25";
        Long port = a.has(2) ? GlobalArgs.integer(a, 2, 1, 65535) : Long.valueOf(25);
        InetSocketAddress addr = port == null ? null : resolve(host, port.intValue());
        if (addr == null) {
            a.error("Invalid smtp server " + host + " " + portWord);
            return;
        }
        b.set(SMTP_SERVER, addr, a.origin());
    }

    /** An address literal, else a host name looked up now (keepalived resolves while parsing). */
    private static InetSocketAddress resolve(String host, int port) {
        InetAddress ip = InetAddresses.parse(host);
        if (ip != null && host.indexOf('/') < 0) {
            return new InetSocketAddress(ip, port);
        }
        if (host.contains("/") || !host.matches("[A-Za-z0-9._-]+")) {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static keepalived.config.Keyword startStopScript(Schema s, String which, Key<ScriptSpec> key) {
        return s.custom(which + "_script", (b, a) -> {
            if (!a.has(1)) {
                a.error(which + " script missing");
                return;
            }
            if (b.isSet(key)) {
                a.error(which + " script already specified");
                return;
            }
            ScriptSpec spec = script(b, a);
            if (spec == null) {
                a.error("Invalid " + which + " script");
                return;
            }
            b.set(key, spec, a.origin());
        });
    }

    /**
     * A script with optional user and group. With no user given, keepalived falls back to the
     * script_user, then keepalived_script, then root; the last step is refused once
     * enable_script_security has been read.
     */
    static ScriptSpec script(Block.Builder b, Args a) {
        String user = a.word(2);
        String group = a.word(3);
        if (user != null && (!UserDb.userExists(user) || (group != null && !UserDb.groupExists(group)))) {
            return null;
        }
        if (user == null && !b.isSet(SCRIPT_USER) && b.get(ENABLE_SCRIPT_SECURITY)
                && !UserDb.userExists(UserDb.DEFAULT_SCRIPT_USER)) {
            a.error("Unable to set default user " + UserDb.DEFAULT_SCRIPT_USER + " for script");
            return null;
        }
        return new ScriptSpec(a.word(1), user, group, a.origin());
    }

    private static void scriptTimeout(Schema s, String word, Key<Long> key) {
        s.custom(word, (b, a) -> {
            if (!a.has(1)) {
                a.error(word + " requires value");
                return;
            }
            Long v = GlobalArgs.integer(a, 1, 1, 1000);
            if (v == null) {
                a.error(word + " '" + a.word(1) + "' must be in [1, 1000] - ignoring");
            } else {
                b.set(key, v * 1_000_000L, a.origin());
            }
        }).doc("Seconds allowed for the script (10)");
    }

    private static void fifo(Schema s, String prefix, Key<NotifyFifo> fifoKey, Key<ScriptSpec> scriptKey) {
        String word = prefix + "notify_fifo";
        s.custom(word, (b, a) -> {
            if (!a.has(1)) {
                a.error("No " + word + " name specified");
            } else if (b.isSet(fifoKey)) {
                a.error(word + " already specified - ignoring " + a.word(1));
            } else {
                b.set(fifoKey, new NotifyFifo(a.word(1), a.word(2), a.word(3), a.origin()), a.origin());
            }
        }).doc("FIFO receiving " + (prefix.isEmpty() ? "all" : prefix.replace("_", "")) + " notify events");
        s.custom(word + "_script", (b, a) -> {
            if (!a.has(1)) {
                a.error("No " + word + "_script specified");
            } else if (b.isSet(scriptKey)) {
                a.error(word + "_script already specified - ignoring " + a.word(1));
            } else {
                ScriptSpec spec = script(b, a);
                if (spec != null) {
                    b.set(scriptKey, spec, a.origin());
                }
            }
        }).doc("Script reading " + word);
    }
}
