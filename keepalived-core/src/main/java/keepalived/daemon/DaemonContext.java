package keepalived.daemon;

import java.nio.file.Path;

/**
 * What a subsystem needs from the command line, without depending on keepalived.cli.
 *
 * @param configFile       the configuration file read (-f)
 * @param logConsole       -l: log to the console
 * @param logDetail        -D count
 * @param dontReleaseVrrp  -V: leave VIPs and routes in place on stop
 * @param releaseVips      -X
 * @param dontReleaseIpvs  -I
 * @param vrrpOnly         -P
 * @param checkOnly        -C
 * @param allChildren      --all
 * @param dumpDirectory    where data/stats/json dumps go ($TMPDIR or /tmp)
 */
public record DaemonContext(Path configFile, boolean logConsole, int logDetail, boolean dontReleaseVrrp,
        boolean releaseVips, boolean dontReleaseIpvs, boolean vrrpOnly, boolean checkOnly, boolean allChildren,
        Path dumpDirectory) {

    /** $TMPDIR if it names a directory, else /tmp (keepalived's dump directory). */
    public static Path defaultDumpDirectory() {
        String t = System.getenv("TMPDIR");
        if (t != null && !t.isEmpty() && java.nio.file.Files.isDirectory(Path.of(t))) {
            return Path.of(t);
        }
        return Path.of("/tmp");
    }
}
