package keepalived.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * keepalived(8)'s options, declared once for picocli: names, which take a value (arity 1) or an
 * optional attached value (arity 0..1), and the typed fields picocli binds. {@link Getopt} reads
 * the same declarations to split argv the way glibc does; {@link #toOptions} freezes the result.
 */
@Command(name = "keepalived")
final class CommandLineSpec {
    /** Fallback of {@code -t} without LOGFILE: problems go to stderr. */
    static final String STDERR = "\0stderr";

    @Option(names = {"-f", "--use-file"}, paramLabel = "FILE")
    String useFile = Options.DEFAULT_CONFIG;

    @Option(names = {"-P", "--vrrp"})
    boolean vrrp;

    @Option(names = {"-C", "--check"})
    boolean check;

    @Option(names = {"-B", "--no_bfd"})
    boolean noBfd;

    @Option(names = "--all")
    boolean all;

    @Option(names = {"-l", "--log-console"})
    boolean logConsole;

    @Option(names = {"-D", "--log-detail"})
    boolean[] logDetail = new boolean[0];

    @Option(names = {"-S", "--log-facility"})
    int logFacility = Options.LOG_DAEMON;

    /** Debian builds keepalived without --enable-log-file; {@link Main} rejects it as Debian does. */
    @Option(names = {"-g", "--log-file"}, arity = "0..1", fallbackValue = "")
    String logFile;

    @Option(names = "--flush-log-file")
    boolean flushLogFile;

    @Option(names = {"-G", "--no-syslog"})
    boolean noSyslog;

    @Option(names = {"-u", "--umask"})
    Integer umask;

    @Option(names = {"-X", "--release-vips"})
    boolean releaseVips;

    @Option(names = {"-V", "--dont-release-vrrp"})
    boolean dontReleaseVrrp;

    @Option(names = {"-I", "--dont-release-ipvs"})
    boolean dontReleaseIpvs;

    @Option(names = {"-R", "--dont-respawn"})
    boolean dontRespawn;

    @Option(names = {"-n", "--dont-fork"})
    boolean dontFork;

    @Option(names = {"-d", "--dump-conf"})
    boolean dumpConf;

    @Option(names = {"-p", "--pid"})
    String pid;

    @Option(names = {"-r", "--vrrp_pid"})
    String vrrpPid;

    @Option(names = {"-T", "--genhash"})
    boolean genhash;

    @Option(names = {"-c", "--checkers_pid"})
    String checkersPid;

    @Option(names = {"-a", "--address-monitoring"})
    boolean addressMonitoring;

    @Option(names = {"-b", "--bfd_pid"})
    String bfdPid;

    @Option(names = {"-x", "--snmp"})
    boolean snmp;

    @Option(names = {"-A", "--snmp-agent-socket"})
    String snmpAgentSocket;

    @Option(names = {"-s", "--namespace"})
    String namespace;

    @Option(names = {"-m", "--core-dump"})
    boolean coreDump;

    @Option(names = {"-M", "--core-dump-pattern"}, arity = "0..1", fallbackValue = "core")
    String coreDumpPattern;

    @Option(names = {"-e", "--all-config"})
    boolean allConfig;

    @Option(names = {"-i", "--config-id"})
    String configId;

    @Option(names = "--signum")
    String signum;

    @Option(names = {"-t", "--config-test"}, arity = "0..1", fallbackValue = STDERR)
    String configTest;

    @Option(names = "--config-fd")
    Integer configFd;

    @Option(names = "--ignore-sigint")
    boolean ignoreSigint;

    // beyond keepalived, long options only (no short letter keepalived might take one day):
    // ask the running daemon; Main handles them (DaemonControl) and they never reach Options
    @Option(names = "--status")
    boolean status;

    @Option(names = "--reload")
    boolean reload;

    @Option(names = "--stop")
    boolean stop;

    @Option(names = {"-v", "--version"})
    boolean version;

    @Option(names = {"-h", "--help"})
    boolean help;

    Options toOptions(String defaultConfigId) {
        boolean test = configTest != null;
        String testLog = !test || configTest.equals(STDERR) || configTest.isEmpty() ? null : configTest;
        String pattern = coreDumpPattern == null || coreDumpPattern.isEmpty() ? (coreDumpPattern == null ? null : "core")
                : coreDumpPattern;
        return new Options(useFile, vrrp, check, noBfd, all, logConsole, logDetail.length, logFacility, noSyslog,
                flushLogFile, umask, releaseVips, dontReleaseVrrp, dontReleaseIpvs, dontRespawn, dontFork, dumpConf,
                pid, vrrpPid, checkersPid, bfdPid, addressMonitoring, namespace, coreDump || pattern != null, pattern,
                allConfig, configId != null ? configId : defaultConfigId, snmp, snmpAgentSocket, test, testLog,
                configFd, ignoreSigint);
    }
}
