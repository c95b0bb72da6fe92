/**
 * The daemon side of the command line: the {@link keepalived.daemon.Subsystem} service interface
 * that keepalived-vrrp (and later the checker and BFD modules) implement; the {@link
 * keepalived.daemon.Watchdog} parent process, which starts one child JVM per wanted subsystem,
 * respawns and signals them; {@link keepalived.daemon.Daemon}, which runs a child's subsystem in
 * the foreground and turns signals into its calls; {@link keepalived.daemon.PidFiles} and
 * {@link keepalived.daemon.SystemdNotify}.
 */
package keepalived.daemon;
