/**
 * The daemon side of the command line: the {@link keepalived.daemon.Subsystem} service interface
 * that keepalived-vrrp (and later the checker and BFD modules) implement, and {@link
 * keepalived.daemon.Daemon}, which runs the wanted subsystems in the foreground and turns
 * signals into their calls.
 */
package keepalived.daemon;
