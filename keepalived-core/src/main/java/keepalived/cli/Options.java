package keepalived.cli;

/**
 * The parsed keepalived(8) command line, immutable: what the process model consumes.
 * Null means "not given" where keepalived's default depends on the configuration
 * (pid files depend on {@code instance}/{@code use_pid_dir}, the umask on {@code umask}).
 *
 * @param configFile        -f/--use-file (default {@value #DEFAULT_CONFIG})
 * @param vrrpOnly          -P/--vrrp: run only the VRRP child
 * @param checkOnly         -C/--check: run only the checker child
 * @param noBfd             -B/--no_bfd: do not run the BFD child
 * @param allChildren       --all: start every child even with no configuration for it
 * @param logConsole        -l/--log-console
 * @param logDetail         -D/--log-detail, counted (twice = extra detail)
 * @param logFacility       -S/--log-facility as a syslog facility code (user 1, daemon 3, local0-7 16-23)
 * @param noSyslog          -G/--no-syslog
 * @param flushLogFile      --flush-log-file
 * @param umask             -u/--umask, null when not given
 * @param releaseVips       -X/--release-vips: drop VIPs on a transition caused by a signal
 * @param dontReleaseVrrp   -V/--dont-release-vrrp
 * @param dontReleaseIpvs   -I/--dont-release-ipvs
 * @param dontRespawn       -R/--dont-respawn
 * @param dontFork          -n/--dont-fork
 * @param dumpConf          -d/--dump-conf
 * @param pidFile           -p/--pid
 * @param vrrpPidFile       -r/--vrrp_pid
 * @param checkersPidFile   -c/--checkers_pid
 * @param bfdPidFile        -b/--bfd_pid
 * @param addressMonitoring -a/--address-monitoring
 * @param namespace         -s/--namespace (overrides {@code net_namespace})
 * @param coreDump          -m/--core-dump (also implied by -M)
 * @param coreDumpPattern   -M/--core-dump-pattern, "core" when given without a pattern
 * @param allConfig         -e/--all-config: a missing config or include file is an error
 * @param configId          -i/--config-id (default: the node name up to the first dot)
 * @param snmp              -x/--snmp
 * @param snmpAgentSocket   -A/--snmp-agent-socket
 * @param configTest        -t/--config-test
 * @param configTestLog     the optional -t LOGFILE (output appended), null for stderr
 * @param configFd          --config-fd (internal, used by reload_check_config)
 * @param ignoreSigint      --ignore-sigint
 */
public record Options(
        String configFile,
        boolean vrrpOnly,
        boolean checkOnly,
        boolean noBfd,
        boolean allChildren,
        boolean logConsole,
        int logDetail,
        int logFacility,
        boolean noSyslog,
        boolean flushLogFile,
        Integer umask,
        boolean releaseVips,
        boolean dontReleaseVrrp,
        boolean dontReleaseIpvs,
        boolean dontRespawn,
        boolean dontFork,
        boolean dumpConf,
        String pidFile,
        String vrrpPidFile,
        String checkersPidFile,
        String bfdPidFile,
        boolean addressMonitoring,
        String namespace,
        boolean coreDump,
        String coreDumpPattern,
        boolean allConfig,
        String configId,
        boolean snmp,
        String snmpAgentSocket,
        boolean configTest,
        String configTestLog,
        Integer configFd,
        boolean ignoreSigint) {

    /** keepalived's default configuration file. */
    public static final String DEFAULT_CONFIG = "/etc/keepalived/keepalived.conf";

    /** The daemon facility's code, keepalived's default log facility. */
    public static final int LOG_DAEMON = 3;
}
