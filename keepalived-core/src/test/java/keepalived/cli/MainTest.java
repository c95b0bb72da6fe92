package keepalived.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import keepalived.config.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived(8)'s command line, checked against what Debian's keepalived 2.2.7 prints. */
class MainTest {
    /** A host with eth0 only, so config checks do not depend on the machine running the tests. */
    static final Host HOST = new Host() {
        @Override
        public boolean interfaceExists(String name) {
            return name.equals("eth0") || name.equals("lo");
        }

        @Override
        public boolean isLoopback(String name) {
            return name.equals("lo");
        }
    };

    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), HOST);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Options options(String... args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
        Main.Parsed p = Main.parse(args, ps, ps);
        assertTrue(p instanceof Main.Run, () -> "no options: " + sink);
        return ((Main.Run) p).options();
    }

    @Test
    void versionGoesToStderrAndSaysWhatWeAre() {
        Outcome o = run("-v");
        assertEquals(0, o.code());
        assertEquals("", o.out());
        assertTrue(o.err().startsWith("Keepalived v2.2.7 (keepalived-java "), o.err());
        assertTrue(o.err().contains("compatible with keepalived 2.2.7"), o.err());
    }

    @Test
    void helpGoesToStderrInKeepalivedsLayout() {
        Outcome o = run("--help");
        assertEquals(0, o.code());
        assertEquals("", o.out());
        assertTrue(o.err().startsWith("Usage: keepalived [OPTION...]\n  -f, --use-file=FILE          Use the"), o.err());
        assertTrue(o.err().contains("\n  -t, --config-test[=LOG_FILE] Check the configuration"), o.err());
        assertTrue(o.err().endsWith("  -h, --help                   Display this help message\n"), o.err());
    }

    @Test
    void helpListsEveryOptionButTheLogFileDebianLacksAndTheInternalConfigFd() {
        String help = run("-h").err();
        for (picocli.CommandLine.Model.OptionSpec o
                : new picocli.CommandLine(new CommandLineSpec()).getCommandSpec().options()) {
            String name = o.longestName();
            boolean listed = !name.equals("--log-file") && !name.equals("--config-fd");
            assertEquals(listed, help.contains(name), name);
        }
    }

    @Test
    void firstOfVersionAndHelpWins() {
        assertTrue(run("-v", "-h").err().startsWith("Keepalived v"));
        assertTrue(run("-h", "-v").err().startsWith("Usage:"));
        assertTrue(run("-vh").err().startsWith("Keepalived v"));
    }

    @Test
    void signumPrintsTheNumber() {
        String[][] cases = {{"STOP", "15"}, {"RELOAD", "1"}, {"DATA", "10"}, {"STATS", "12"},
            {"STATS_CLEAR", "63"}, {"JSON", "36"}};
        for (String[] c : cases) {
            Outcome o = run("--signum=" + c[0]);
            assertEquals(0, o.code(), c[0]);
            assertEquals(c[1] + "\n", o.out(), c[0]);
        }
        assertEquals("15\n", run("--signum", "STOP").out());
        assertEquals("15\n", run("--sig=STOP", "--signum=JSON").out(), "abbreviated, first wins");
    }

    @Test
    void unknownSignalFunction() {
        Outcome o = run("--signum=stop");
        assertEquals(1, o.code());
        assertEquals("Unknown sigfunc stop\n", o.err());
        assertEquals("Unknown sigfunc TDUMP\n", run("--signum=TDUMP").err());
    }

    @Test
    void unknownOptionsAreAllReportedThenExit1() {
        Outcome o = run("-Z", "--xyz=1", "-t", "-f", "/nonexistent");
        assertEquals(1, o.code());
        assertEquals("Unknown option -Z\nUnknown option --xyz=1\n", o.err());
        assertEquals("Unknown option --vrrp=x\n", run("--vrrp=x").err(), "a flag given a value");
        assertEquals("Unknown option --con\n", run("--con").err(), "ambiguous abbreviation");
    }

    @Test
    void versionAfterAnUnknownOptionStillExits0() {
        Outcome o = run("-Z", "-v");
        assertEquals(0, o.code());
        assertTrue(o.err().startsWith("Unknown option -Z\nKeepalived v"), o.err());
    }

    @Test
    void missingParameter() {
        assertEquals(new Outcome(1, "", "Missing parameter for option -f\n"), run("-f"));
        // keepalived 2.2.7 really prints "--X" here
        assertEquals(new Outcome(1, "", "Missing parameter for option --X\n"), run("--use-file"));
        assertEquals(new Outcome(1, "", "Missing parameter for option --use-file\n"), run("--use-f="));
        assertEquals(new Outcome(1, "", "Missing parameter for option --signum\n"), run("--signum="));
        assertEquals("Unknown option -Z\nMissing parameter for option -i\n", run("-Z", "-i").err());
    }

    @Test
    void logFileIsNotInDebiansBuild() {
        Outcome o = run("-g");
        assertEquals(1, o.code());
        assertEquals("-g requires configure option --enable-log-file\n", o.err());
        assertEquals(1, run("--log-file=/tmp/x").code());
        assertEquals(0, run("-g", "-v").code());
    }

    @Test
    void badFacilityAndUmaskWarnAndCarryOn() {
        Outcome o = run("-S", "local9", "-u", "0999", "-v");
        assertEquals(0, o.code());
        assertTrue(o.err().startsWith("Invalid log facility 'local9'\nInvalid --umask option 0999Keepalived v"),
                o.err());
    }

    @Test
    void genhashIsReserved() {
        Outcome o = run("-T", "-s", "host");
        assertEquals(1, o.code());
        assertTrue(o.err().contains("genhash mode (-T/--genhash) is not implemented yet"), o.err());
        Outcome late = run("-t", "-T");
        assertEquals(1, late.code());
        assertTrue(late.err().startsWith("Warning -- `-T` not used as first option, previous options ignored\n"));
    }

    @Test
    void defaults() {
        Options o = options();
        assertEquals(Options.DEFAULT_CONFIG, o.configFile());
        assertFalse(o.configTest());
        assertNull(o.configTestLog());
        assertEquals(Options.LOG_DAEMON, o.logFacility());
        assertEquals(0, o.logDetail());
        assertNull(o.umask());
        assertNull(o.pidFile());
        assertNull(o.coreDumpPattern());
        assertFalse(o.coreDump());
        assertEquals(keepalived.config.ConfigLoader.defaultConfigId(), o.configId());
    }

    @Test
    void everyOptionLandsInTheRecord() {
        Options o = options("-f", "/k.conf", "-P", "-C", "-B", "--all", "-l", "-D", "-D", "-S", "local3", "-G",
                "--flush-log-file", "-u", "022", "-X", "-V", "-I", "-R", "-n", "-d", "-p", "/p", "-r", "/r", "-c",
                "/c", "-b", "/b", "-a", "-s", "ns1", "-M", "-e", "-i", "node1", "-x", "-A", "/agentx", "-t",
                "--config-fd=7", "--ignore-sigint");
        assertEquals(new Options("/k.conf", true, true, true, true, true, 2, 19, true, true, 022, true, true, true,
                true, true, true, "/p", "/r", "/c", "/b", true, "ns1", true, "core", true, "node1", true, "/agentx",
                true, null, 7, true), o);
    }

    @Test
    void longFormsAndClusters() {
        Options o = options("--use-file=/a", "--vrrp", "--log-facility=user", "--umask=0x12", "-Mpat",
                "--namespace", "ns");
        assertEquals("/a", o.configFile());
        assertTrue(o.vrrpOnly());
        assertEquals(1, o.logFacility());
        assertEquals(0x12, o.umask());
        assertEquals("pat", o.coreDumpPattern());
        assertTrue(o.coreDump());
        assertEquals("ns", o.namespace());
        Options c = options("-nldf/b.conf");
        assertTrue(c.dontFork() && c.logConsole() && c.dumpConf());
        assertEquals("/b.conf", c.configFile());
        assertEquals("-t", options("-f", "-t").configFile(), "a required value is the next word, whatever it is");
        assertEquals("/x", options("--use=/x").configFile(), "unique abbreviation");
        assertEquals(16, options("-S", "0").logFacility());
        assertEquals(23, options("-S", "7").logFacility());
    }

    @Test
    void configTestLogFileOnlyWhenAttached() {
        assertEquals("/tmp/t.log", options("-t/tmp/t.log").configTestLog());
        assertEquals("/tmp/t.log", options("--config-test=/tmp/t.log").configTestLog());
        assertNull(options("--config-test=").configTestLog());
        Options sep = options("-t", "foo");
        assertTrue(sep.configTest());
        assertNull(sep.configTestLog());
        assertEquals("v", options("-tv").configTestLog(), "as getopt: -tv means LOGFILE v");
    }

    @Test
    void strayWordsAreReportedButNotFatal() throws IOException {
        Path conf = write("clean.conf", "! nothing\n");
        Outcome o = run("-t", "-f", conf.toString(), "foo", "bar");
        assertEquals("Unexpected argument(s): foo bar \n", o.out());
        assertEquals(0, o.code());
    }

    @Test
    void configTestCleanConfig() throws IOException {
        Path conf = write("clean.conf", "global_defs {\n}\n");
        assertEquals(new Outcome(0, "", ""), run("-t", "-f", conf.toString()));
    }

    @Test
    void configTestPrintsEachProblemOnceAndExitsWithTheVerdict() throws IOException {
        Path conf = write("bad.conf", "garbage_top\nglobal_defs {\n");
        Outcome o = run("--config-test", "-f", conf.toString());
        assertEquals(5, o.code(), o.err());
        String[] lines = o.err().split("\n");
        assertEquals(lines.length, java.util.Arrays.stream(lines).distinct().count(), o.err());
        assertTrue(o.err().contains("Line 1) Unknown keyword 'garbage_top'"), o.err());
        assertTrue(o.err().contains("missing '}'"), o.err());
    }

    @Test
    void configTestAppendsToTheLogFile() throws IOException {
        Path conf = write("bad.conf", "garbage_top\n");
        Path log = write("t.log", "earlier\n");
        Outcome o = run("-t" + log, "-f", conf.toString());
        assertEquals(5, o.code());
        assertEquals("", o.err());
        String text = Files.readString(log);
        assertTrue(text.startsWith("earlier\n") && text.contains("Unknown keyword 'garbage_top'"), text);
    }

    @Test
    void configTestLogFileThatCannotBeOpened() {
        Outcome o = run("-t" + dir.resolve("no/such/dir.log"), "-f", "/nonexistent");
        assertEquals(1, o.code());
        assertTrue(o.err().startsWith("Unable to open config-test log file "), o.err());
    }

    @Test
    void dumpConfPrintsTheModel() throws IOException {
        Path conf = write("dump.conf", "global_defs {\n}\n");
        Outcome o = run("-t", "-d", "-f", conf.toString());
        assertEquals(0, o.code());
        assertTrue(o.out().contains("global_defs"), o.out());
    }

    @Test
    void daemonModeWithoutAnySubsystemOnTheClassPathSaysSo() throws IOException {
        // keepalived-core's own tests have no keepalived-vrrp: the daemon has nothing it could run
        Path conf = write("clean.conf", "global_defs {\n}\n");
        Outcome o = run("-n", "-f", conf.toString());
        assertEquals(1, o.code());
        assertTrue(o.err().contains("no daemon subsystem (keepalived-vrrp) on the class path"), o.err());
    }

    @Test
    void configTestNamesEveryIgnoredKeywordOnceWithoutChangingTheVerdict() throws IOException {
        StringBuilder text = new StringBuilder("global_defs {\n    lvs_flush\n    lvs_flush\n}\n");
        for (int i = 0; i < 50; i++) {
            // line 5 + 11 * i; every keyword inside is planned too, and gets no line of its own
            text.append("virtual_server 10.0.0.").append(i + 1).append(" 80 {\n    lb_algo rr\n    lb_kind NAT\n")
                    .append("    protocol TCP\n    real_server 10.1.0.").append(i + 1).append(" 80 {\n")
                    .append("        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n}\n\n");
        }
        Path conf = write("planned.conf", text.toString());
        Outcome o = run("-t", "-f", conf.toString());
        assertEquals(new Outcome(0, "", "(" + conf + ": Line 2) keyword 'lvs_flush' is not implemented by keepalived-java yet - ignoring\n"
                + "(" + conf + ": Line 5) keyword 'virtual_server' is not implemented by keepalived-java yet - ignoring the whole block\n"), o);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
