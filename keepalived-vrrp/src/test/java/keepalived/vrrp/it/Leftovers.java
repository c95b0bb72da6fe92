package keepalived.vrrp.it;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import keepalived.testing.Cmd;

/**
 * Cleanup beyond try/finally: a shutdown hook closes the daemons and segments still open when the
 * test JVM exits (e.g. stopped by a timeout), and the first segment of a JVM removes what an
 * earlier test JVM that died outright (SIGKILL) left behind: its namespaces ({@code kjit<pid>_<n>},
 * with the processes still running in them, stopped by pid) and bridges ({@code kb<pid>x<n>}),
 * only when that pid no longer runs.
 */
final class Leftovers {
    private static final Set<AutoCloseable> OPEN = ConcurrentHashMap.newKeySet();
    private static final Pattern NETNS = Pattern.compile("^(kjit(\\d+)_\\d+)");
    private static final Pattern BRIDGE = Pattern.compile("\\d+: (kb(\\d+)x\\d+)[:@]");
    private static boolean swept;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable c : OPEN) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // best effort at exit
                }
            }
        }, "it-leftovers"));
    }

    private Leftovers() {
    }

    static void opened(AutoCloseable c) {
        OPEN.add(c);
    }

    static void closed(AutoCloseable c) {
        OPEN.remove(c);
    }

    static synchronized void sweepDeadJvms() {
        if (swept) {
            return;
        }
        swept = true;
        for (String line : Cmd.run("ip", "netns", "list").stdout().lines().toList()) {
            Matcher m = NETNS.matcher(line);
            if (m.find() && dead(m.group(2))) {
                String ns = m.group(1);
                for (String pid : Cmd.run("ip", "netns", "pids", ns).stdout().lines().map(String::strip).toList()) {
                    if (pid.matches("\\d+")) {
                        Cmd.run("kill", "-KILL", "--", "-" + pid); // a daemon we started leads its group
                        Cmd.run("kill", "-KILL", pid);
                    }
                }
                Cmd.run("ip", "netns", "del", ns);
            }
        }
        for (String line : Cmd.run("ip", "-o", "link", "show").stdout().lines().toList()) {
            Matcher m = BRIDGE.matcher(line);
            if (m.find() && dead(m.group(2))) {
                Cmd.run("ip", "link", "del", m.group(1));
            }
        }
    }

    private static boolean dead(String pid) {
        return ProcessHandle.of(Long.parseLong(pid)).map(p -> !p.isAlive()).orElse(true);
    }
}
