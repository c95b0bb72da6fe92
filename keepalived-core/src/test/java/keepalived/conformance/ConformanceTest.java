package keepalived.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import keepalived.config.KeywordNotice;
import keepalived.testing.Cmd;
import keepalived.testing.NetNs;
import keepalived.testing.Prerequisites;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs Debian's {@code keepalived -t} and ours on every shipped sample and on our corpus
 * ({@code etc/conformance/*.conf}; fragments in {@code etc/conformance/inc/} are only included),
 * inside one network namespace that has the interfaces the configs name, and asserts the same
 * exit code and the same set of reported line numbers.
 *
 * <p>System property {@code conformance.only} (a regex on the file name) narrows the run.
 */
class ConformanceTest {
    static final Path SAMPLES = Path.of("/usr/share/doc/keepalived/samples");
    /** Both implementations get the same -i so @id lines select the same way. */
    static final String CONFIG_ID = "node1";
    private static final Pattern LINE = Pattern.compile("\\((?:[^()]*?: )?Line (\\d+)\\)");
    private static final long TIMEOUT_SECONDS = 30;

    private static NetNs ns;
    private static final ConcurrentLinkedQueue<String> PASSED = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<String> FAILED = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void createNamespace() {
        Prerequisites.requireRealKeepalived();
        ns = NetNs.create("cf");
        for (int i = 0; i <= 9; i++) {
            ns.vethPair("eth" + i, "peer" + i);
        }
        // keepalived.conf.track_interface names eth0.1; without the 8021q module a veth with
        // that name serves as well, since -t only checks that the interface exists.
        if (!ns.tryVlan("eth0", "eth0.1", 1)) {
            ns.vethPair("eth0.1", "peer0.1");
        }
    }

    @AfterAll
    static void removeNamespace() {
        if (ns != null) {
            ns.close();
        }
        if (!PASSED.isEmpty() || !FAILED.isEmpty()) {
            String summary = "conformance: " + PASSED.size() + " passed, " + FAILED.size() + " failed"
                    + (FAILED.isEmpty() ? "" : "\nfailed: " + String.join(" ", new TreeSet<>(FAILED))) + "\n";
            System.out.print(summary);
            try {
                Path target = Path.of("target");
                if (Files.isDirectory(target)) {
                    Files.writeString(target.resolve("conformance-summary.txt"), summary);
                }
            } catch (IOException e) {
                // the summary is a convenience only
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> samplesAndCorpus() {
        List<Path> configs = new ArrayList<>();
        configs.addAll(list(SAMPLES, "keepalived.conf.*"));
        configs.addAll(list(corpusDir(), "*.conf"));
        String only = System.getProperty("conformance.only");
        return configs.stream()
                .filter(p -> only == null || only.isBlank() || Pattern.compile(only).matcher(p.getFileName().toString()).find())
                .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), p.toUri(), () -> compare(p)));
    }

    /** The corpus directory, from the reactor root (set by surefire) or found upwards. */
    static Path corpusDir() {
        String root = System.getProperty("project.root");
        if (root != null && Files.isDirectory(Path.of(root, "etc", "conformance"))) {
            return Path.of(root, "etc", "conformance");
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("etc/conformance"))) {
                return p.resolve("etc/conformance");
            }
        }
        throw new IllegalStateException("etc/conformance not found");
    }

    private static List<Path> list(Path dir, String glob) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var ds = Files.newDirectoryStream(dir, glob)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }

    private void compare(Path config) {
        Path dir = config.getParent();
        String file = config.getFileName().toString();
        CompletableFuture<Cmd.Result> theirs = CompletableFuture.supplyAsync(() -> Cmd.run(dir, TIMEOUT_SECONDS,
                ns.exec(Prerequisites.KEEPALIVED, "-t", "-i", CONFIG_ID, "-f", file)));
        Cmd.Result ours = Cmd.run(dir, TIMEOUT_SECONDS, ns.exec(oursCommand("-t", "-i", CONFIG_ID, "-f", file)));
        Cmd.Result ref = theirs.join();

        List<String> refLines = dedup(ref.output(), false);
        List<String> ourLines = dedup(ours.output(), true);
        Set<Integer> refNumbers = lineNumbers(refLines);
        Set<Integer> ourNumbers = lineNumbers(ourLines);
        boolean sameCode = ref.exitCode() == ours.exitCode() && !ref.timedOut() && !ours.timedOut();
        boolean sameLines = refNumbers.equals(ourNumbers);
        if (sameCode && sameLines) {
            PASSED.add(file);
            return;
        }
        FAILED.add(file);
        StringBuilder msg = new StringBuilder(config.toString()).append('\n');
        msg.append(sameCode ? "  exit code: both " : "  EXIT CODE DIFFERS: keepalived ")
                .append(ref.timedOut() ? "timeout" : ref.exitCode());
        if (!sameCode) {
            msg.append(", ours ").append(ours.timedOut() ? "timeout" : ours.exitCode());
        }
        msg.append('\n');
        if (!sameLines) {
            Set<Integer> missing = new TreeSet<>(refNumbers);
            missing.removeAll(ourNumbers);
            Set<Integer> extra = new TreeSet<>(ourNumbers);
            extra.removeAll(refNumbers);
            msg.append("  LINE NUMBERS DIFFER: keepalived ").append(new TreeSet<>(refNumbers))
                    .append(", ours ").append(new TreeSet<>(ourNumbers))
                    .append(" (missing ").append(missing).append(", extra ").append(extra).append(")\n");
        }
        msg.append("--- keepalived 2.2.7 (deduplicated)\n");
        refLines.forEach(l -> msg.append("  ").append(l).append('\n'));
        msg.append("--- keepalived-java\n");
        ourLines.forEach(l -> msg.append("  ").append(l).append('\n'));
        fail(msg.toString());
    }

    /** The command that runs our CLI in a fresh JVM with this test's class path. */
    static List<String> oursCommand(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // -t is a short run: skip the optimising compiler and use the cheapest collector.
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("keepalived.cli.Main");
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * Output lines in first-seen order without repeats (keepalived prints once per process). From
     * our output the keyword notices ("not implemented/supported by keepalived-java") are left
     * out on purpose: they are our own lines about what our runtime ignores, keepalived prints
     * nothing like them, and they never change the exit code.
     */
    static List<String> dedup(String output, boolean ours) {
        Set<String> seen = new LinkedHashSet<>();
        output.lines().map(String::strip).filter(l -> !l.isEmpty())
                .filter(l -> !(ours && KeywordNotice.isNotice(l)))
                .forEach(seen::add);
        return new ArrayList<>(seen);
    }

    static Set<Integer> lineNumbers(List<String> lines) {
        Set<Integer> out = new TreeSet<>();
        for (String l : lines) {
            Matcher m = LINE.matcher(l);
            while (m.find()) {
                out.add(Integer.parseInt(m.group(1)));
            }
        }
        return out;
    }
}
