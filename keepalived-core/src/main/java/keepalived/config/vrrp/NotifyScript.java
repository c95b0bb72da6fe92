package keepalived.config.vrrp;

import java.util.List;
import keepalived.config.Args;
import keepalived.config.Origin;
import keepalived.config.global.ShellWords;

/**
 * A script keyword's command ({@code notify_master "/path arg" [user [group]]}, {@code script}):
 * the argv keepalived will exec (no shell), the optional user/group, and the line it came from.
 *
 * @param argv the command split shell-like; never empty
 * @param user null when not given (the global script_user applies)
 * @param group null when not given
 */
public record NotifyScript(List<String> argv, String user, String group, Origin origin) {

    public NotifyScript {
        argv = List.copyOf(argv);
    }

    /** The command line as one string, for messages and dumps. */
    public String command() {
        return String.join(" ", argv);
    }

    /**
     * Reads a script line the way keepalived does: the raw line is re-split shell-like, word 1 is
     * the command (split again into argv), words 2 and 3 the user and group. Null when the line
     * has no command or a quote is left open (reported).
     */
    public static NotifyScript parse(Args a) {
        List<String> words = ShellWords.splitChecked(a.line().text(), a.origin(), a.problems());
        if (words == null || words.size() < 2) {
            return null;
        }
        List<String> argv = ShellWords.splitChecked(words.get(1), a.origin(), a.problems());
        if (argv == null || argv.isEmpty()) {
            return null;
        }
        return new NotifyScript(argv, words.size() > 2 ? words.get(2) : null,
                words.size() > 3 ? words.get(3) : null, a.origin());
    }

    /**
     * keepalived reads a script keyword's raw line, so only a keyword with nothing at all after
     * it is "missing a parameter" (an unterminated quote that left no token is not).
     */
    public static void requireCommand(Args a) {
        if (a.line().rest().isEmpty()) {
            a.required(1);
        }
    }

    @Override
    public String toString() {
        return command() + (user == null ? "" : " user " + user + (group == null ? "" : ":" + group));
    }
}
