package keepalived.cli;

import keepalived.config.ConfigDump;
import keepalived.config.ConfigLoader;
import keepalived.config.ConfigProblem;

/** Entry point of bin/keepalived (minimal; the full keepalived(8) command line comes next). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        String file = "/etc/keepalived/keepalived.conf";
        boolean test = false;
        boolean dump = false;
        String id = ConfigLoader.defaultConfigId();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-t", "--config-test" -> test = true;
                case "-d", "--dump-conf" -> dump = true;
                case "-f", "--use-file" -> file = args[++i];
                case "-i", "--config-id" -> id = args[++i];
                default -> { }
            }
        }
        ConfigLoader.Result r = ConfigLoader.load(file, new ConfigLoader.Options(id, false, keepalived.config.Host.current()));
        for (ConfigProblem p : r.problems().all()) {
            System.err.println(p.format());
        }
        if (dump) {
            System.out.print(ConfigDump.dump(r.config()));
        }
        if (test) {
            System.exit(r.problems().exitCode());
        }
    }
}
