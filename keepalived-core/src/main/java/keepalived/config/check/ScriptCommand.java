package keepalived.config.check;

import java.util.List;
import keepalived.config.Origin;

/**
 * A script keyword's value ({@code misc_path}, {@code notify_up}, {@code quorum_up} ...): the
 * command line as written and its shell-like split into argv.
 */
public record ScriptCommand(String raw, List<String> argv, Origin origin) {
}
