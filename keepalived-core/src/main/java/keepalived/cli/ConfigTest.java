package keepalived.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.Set;
import keepalived.config.ConfigDump;
import keepalived.config.ConfigLoader;
import keepalived.config.ConfigProblem;
import keepalived.config.Host;
import keepalived.config.KeywordNotice;
import org.slf4j.Logger;

/** {@code keepalived -t}: load and check the configuration, print its problems, exit with its verdict. */
final class ConfigTest {
    private ConfigTest() {
    }

    static ConfigLoader.Result load(Options o, Host host) {
        return ConfigLoader.load(o.configFile(), new ConfigLoader.Options(o.configId(), o.allConfig(), host));
    }

    static int run(Options o, Host host, PrintStream out, PrintStream err) {
        PrintStream dest = err;
        if (o.configTestLog() != null) {
            try {
                // appended, as keepalived does, so reload_check_config can share one log
                dest = new PrintStream(new FileOutputStream(o.configTestLog(), true), true);
            } catch (IOException e) {
                err.println("Unable to open config-test log file " + o.configTestLog() + " - " + e.getMessage());
                return 1;
            }
        }
        try {
            ConfigLoader.Result r = load(o, host);
            printProblems(r, dest);
            if (o.dumpConf()) {
                out.print(ConfigDump.dump(r.config()));
            }
            return r.problems().exitCode();
        } finally {
            if (dest != err) {
                dest.close();
            }
        }
    }

    /**
     * Each distinct line once: keepalived repeats a line once per process pass, and the order of
     * the passes is not something a user can act on.
     */
    static void printProblems(ConfigLoader.Result r, PrintStream dest) {
        distinctLines(r).forEach(dest::println);
        dest.flush();
    }

    /**
     * At daemon start: each distinct line goes to the log (syslog, and the console with -l), as
     * keepalived logs its config problems, so a detached daemon's notices about keywords it
     * ignores are not lost; without -l they are also printed on {@code console}, where a
     * foreground run has always shown them.
     */
    static void logProblems(ConfigLoader.Result r, Logger log, PrintStream console) {
        for (String line : distinctLines(r)) {
            if (KeywordNotice.isNotice(line)) {
                log.warn("{}", line);
            } else {
                log.info("{}", line);
            }
            if (console != null) {
                console.println(line);
            }
        }
        if (console != null) {
            console.flush();
        }
    }

    private static Set<String> distinctLines(ConfigLoader.Result r) {
        Set<String> lines = new LinkedHashSet<>();
        for (ConfigProblem p : r.problems().all()) {
            lines.add(p.format());
        }
        return lines;
    }
}
