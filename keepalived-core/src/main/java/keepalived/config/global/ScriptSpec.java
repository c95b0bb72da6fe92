package keepalived.config.global;

import keepalived.config.Origin;

/**
 * A script keyword's value ({@code startup_script}, {@code notify_fifo_script} ...): the command
 * as written (one keepalived word, possibly quoted, holding the whole command line) and the
 * optional user and group to run it as (null = the default script user).
 */
public record ScriptSpec(String command, String user, String group, Origin origin) {
}
