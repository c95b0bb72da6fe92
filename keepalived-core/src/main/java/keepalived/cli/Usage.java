package keepalived.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The texts of {@code -h} and {@code -v}, in keepalived's layout (both go to stderr). */
final class Usage {
    private Usage() {
    }

    /** keepalived's help, option for option; argv[0] is printed as invoked, as keepalived does. */
    static void help(PrintStream err, String program) {
        err.print("Usage: " + program + " [OPTION...]\n" + """
                  -f, --use-file=FILE          Use the specified configuration file
                                                default '/etc/keepalived/keepalived.conf'
                  -P, --vrrp                   Only run with VRRP subsystem
                  -C, --check                  Only run with Health-checker subsystem
                  -B, --no_bfd                 Don't run BFD subsystem
                      --all                    Force all child processes to run, even if have no configuration
                  -l, --log-console            Log messages to local console
                  -D, --log-detail             Detailed log messages
                  -S, --log-facility=([0-7]|local[0-7]|user|daemon)
                                               Set syslog facility to LOG_LOCAL[0-7], user or daemon (default)
                  -G, --no-syslog              Don't log via syslog
                      --flush-log-file         Flush log file on write
                  -u, --umask=MASK             umask for file creation (in numeric form)
                  -X, --release-vips           Drop VIP on transition from signal.
                  -V, --dont-release-vrrp      Don't remove VRRP VIPs and VROUTEs on daemon stop
                  -I, --dont-release-ipvs      Don't remove IPVS topology on daemon stop
                  -R, --dont-respawn           Don't respawn child processes
                  -n, --dont-fork              Don't fork the daemon process
                                                (keepalived-java: always in the foreground, in one process,
                                                 for now; the watchdog and child processes come later)
                  -d, --dump-conf              Dump the configuration data
                  -p, --pid=FILE               Use specified pidfile for parent process
                  -r, --vrrp_pid=FILE          Use specified pidfile for VRRP child process
                  -T, --genhash                Enter into genhash utility mode (this should be the first option used).
                  -c, --checkers_pid=FILE      Use specified pidfile for checkers child process
                  -a, --address-monitoring     Report all address additions/deletions notified via netlink
                  -b, --bfd_pid=FILE           Use specified pidfile for BFD child process
                  -x, --snmp                   Enable SNMP subsystem
                  -A, --snmp-agent-socket=FILE Use the specified socket for master agent
                  -s, --namespace=NAME         Run in network namespace NAME (overrides config)
                  -m, --core-dump              Produce core dump if terminate abnormally
                  -M, --core-dump-pattern=PATN Also set /proc/sys/kernel/core_pattern to PATN (default 'core')
                  -e, --all-config             Error if any configuration file missing (same as includet)
                  -i, --config-id id           Skip any configuration lines beginning '@' that don't match id
                                                or any lines beginning @^ that do match.
                                                The config-id defaults to the node name if option not used
                      --signum=SIGFUNC         Return signal number for STOP, RELOAD, DATA, STATS, STATS_CLEAR, JSON
                  -t, --config-test[=LOG_FILE] Check the configuration for obvious errors, output to
                                                stderr by default
                      --ignore-sigint          Don't terminate on SIGINT
                      --status                 Show the running daemon's VRRP instances (keepalived-java)
                      --reload                 Reload the running daemon (SIGHUP) (keepalived-java)
                      --stop                   Stop the running daemon and wait for it (keepalived-java)
                  -v, --version                Display the version number
                  -h, --help                   Display this help message
                """);
    }

    /**
     * keepalived's version block, first line kept parseable ("Keepalived v2.2.7 ..."), saying
     * plainly that this is keepalived-java.
     */
    static void version(PrintStream err) {
        Properties p = versionProperties();
        String compat = p.getProperty("version", "2.2.7");
        err.print("Keepalived v" + compat + " (keepalived-java " + p.getProperty("project.version", "unknown") + ")\n"
                + "\n"
                + "keepalived-java: a Java implementation of keepalived, compatible with keepalived " + compat + "\n"
                + "keepalived is Copyright(C) 2001-2022 Alexandre Cassen, <acassen@gmail.com>\n"
                + "\n"
                + "Running on " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " with Java " + System.getProperty("java.version")
                + " (" + System.getProperty("java.vm.name") + ")\n"
                + distro());
    }

    static Properties versionProperties() {
        Properties p = new Properties();
        try (InputStream in = Usage.class.getResourceAsStream("/keepalived/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource only loses the version numbers; defaults are printed
        }
        return p;
    }

    private static String distro() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return "Distro: " + line.substring(12).replace("\"", "") + "\n";
                }
            }
        } catch (IOException | RuntimeException e) {
            // not every system has os-release; keepalived then omits the line too
        }
        return "";
    }
}
