package keepalived.vrrp.dump;

import java.util.List;
import java.util.StringJoiner;

import keepalived.config.vrrp.NotifyScript;

/** How keepalived's dumps print a script command: each word in single quotes. */
final class Scripts {
    private Scripts() {
    }

    static String quoted(List<String> argv) {
        StringJoiner j = new StringJoiner(" ");
        argv.forEach(w -> j.add("'" + w + "'"));
        return j.toString();
    }

    static String quoted(NotifyScript s) {
        return quoted(s.argv());
    }
}
