package keepalived.config.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import keepalived.config.ConfigLoader;
import keepalived.config.ConfigProblem;
import keepalived.config.Host;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds deterministically mutated configurations (seeded) to {@link ConfigLoader#load} in
 * process: truncations, deleted braces, garbage bytes (NUL, invalid UTF-8), huge numbers, deep
 * nesting, include loops, a directory as include target, very long lines. Each must load
 * without throwing, and every problem must point at a file and line, or be one of the
 * whole-config messages keepalived prints without a line.
 */
class ConfigFuzzTest {
    private static final long SEED = 20220707L;
    private static final int MUTANTS_PER_FILE = Integer.getInteger("fuzz.mutants", 5);
    /** Messages keepalived prints without (FILE: Line N): whole-config checks. */
    private static final List<Pattern> WHOLE_CONFIG = List.of(
            Pattern.compile("There are \\d+ missing '\\}'s or extra '\\{'s"),
            Pattern.compile("^\\(\\S+\\) .*"), // per-instance checks: "(VI_1) the virtual router id must be set"
            Pattern.compile("^Virtual server .*"),
            Pattern.compile("^WARNING.*"),
            Pattern.compile("^Warning.*"),
            Pattern.compile("^SECURITY VIOLATION.*"),
            Pattern.compile("^Non-existent interface specified in configuration"),
            Pattern.compile("^Sync group .*"),
            Pattern.compile("^Virtual router .* specified in sync group .*"),
            Pattern.compile("^.* both use VRID .*"),
            Pattern.compile("^Config files missing .*"),
            Pattern.compile("^Configuration file .*"),
            Pattern.compile("^Unable to .*"),
            Pattern.compile("^Disabling track script .*"));
    private static final Host HOST = new Host() {
        @Override
        public boolean interfaceExists(String name) {
            return name.matches("eth\\d(\\.\\d+)?");
        }

        @Override
        public boolean isLoopback(String name) {
            return name.equals("lo");
        }
    };

    @TempDir
    static Path work;

    @TestFactory
    Stream<DynamicTest> mutatedCorpus() throws IOException {
        List<Path> corpus = corpusFiles();
        Random random = new Random(SEED);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path source : corpus) {
            byte[] original = Files.readAllBytes(source);
            for (int i = 0; i < MUTANTS_PER_FILE; i++) {
                Mutation m = Mutation.values()[random.nextInt(Mutation.values().length)];
                long seed = random.nextLong();
                String name = source.getFileName() + "#" + i + "-" + m;
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    byte[] mutated = m.apply(original, new Random(seed));
                    Path dir = Files.createDirectories(work.resolve("m" + Math.abs(seed)));
                    copyIncludes(source.getParent(), dir);
                    Path file = dir.resolve("fuzz.conf");
                    Files.write(file, mutated);
                    String dump = System.getProperty("fuzz.dump");
                    if (dump != null) { // -Dfuzz.dump=DIR keeps the mutants for a closer look
                        Files.createDirectories(Path.of(dump));
                        Files.write(Path.of(dump, name.replace('#', '_') + ".conf"), mutated);
                    }
                    loadAndCheck(file, name);
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> pathologicalInputs() throws IOException {
        Path dir = Files.createDirectories(work.resolve("patho"));
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(special(dir, "deep-nesting", "vrrp_instance VI_1 {\n" + "{\n".repeat(10_000) + "}\n".repeat(3)));
        tests.add(special(dir, "deep-nesting-one-line", "global_defs " + "{ ".repeat(10_000) + "\n"));
        tests.add(special(dir, "many-closing", "}\n".repeat(10_000)));
        tests.add(special(dir, "self-include", "include self-include.conf\nvrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n}\n"));
        Files.writeString(dir.resolve("loop-a.inc"), "include loop-b.inc\nglobal_defs {\n}\n");
        Files.writeString(dir.resolve("loop-b.inc"), "include loop-a.inc\nbogus_in_b\n");
        tests.add(special(dir, "include-loop", "include loop-a.inc\n"));
        Files.createDirectories(dir.resolve("adir"));
        tests.add(special(dir, "include-directory", "include adir\ninclude adir/*\ninclude /\nglobal_defs {\n}\n"));
        tests.add(special(dir, "include-glob-everything", "include /proc/self/s*\n"));
        tests.add(special(dir, "include-no-args", "include\nincludem\n"));
        tests.add(special(dir, "long-line", "global_defs {\n router_id " + "x".repeat(200_000) + "\n}\n"));
        tests.add(special(dir, "long-quoted-line", "global_defs {\n router_id \"" + "x y ".repeat(50_000) + "\n}\n"));
        tests.add(special(dir, "huge-numbers", """
                global_defs {
                 vrrp_garp_master_delay 9999999999999999999999999999999999999
                 smtp_connect_timeout -99999999999999999999999999999
                }
                vrrp_instance VI_1 {
                 interface eth0
                 virtual_router_id 18446744073709551617
                 priority -0
                 advert_int 1e308
                 preempt_delay NaN
                 virtual_ipaddress {
                  1.2.3.4/99999999999999999999
                 }
                }
                """));
        tests.add(special(dir, "seq-huge", "~SEQ(i,1,1,999999999999) x$i\n~SEQ(i,99999999999999999999) y\n~SEQx(i,-5) z\n"));
        tests.add(special(dir, "param-recursion", "$A=$B\n$B=$A\n$A\n${A}\n$C=${C}${C}\n$C\n"));
        tests.add(special(dir, "param-doubling",
                "$A=x x\n$B=$A $A\n$C=$B $B\n$D=$C $C\n$E=$D $D\n$F=$E $E\n$G=$F $F\n$H=$G $G\n$H\n"));
        tests.add(special(dir, "unterminated-definition", "$A=\\\n a \\\n b \\\n"));
        tests.add(special(dir, "only-garbage", new String(new char[] {0, 1, 2, 0xfffd, '{', '}', '"', '\\'})));
        tests.add(specialBytes(dir, "invalid-utf8", new byte[] {'g', 'l', 'o', 'b', 'a', 'l', '_', 'd', 'e', 'f', 's', ' ', '{',
            '\n', (byte) 0xc3, (byte) 0x28, ' ', (byte) 0xff, (byte) 0xfe, '\n', '}', '\n', (byte) 0x80}));
        tests.add(special(dir, "empty", ""));
        tests.add(special(dir, "no-newline-at-end", "global_defs {\n router_id x\n}"));
        return tests.stream();
    }

    private static DynamicTest special(Path dir, String name, String content) {
        return specialBytes(dir, name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static DynamicTest specialBytes(Path dir, String name, byte[] content) {
        return DynamicTest.dynamicTest(name, () -> {
            Path file = dir.resolve(name + ".conf");
            Files.write(file, content);
            loadAndCheck(file, name);
        });
    }

    private static void loadAndCheck(Path file, String name) {
        ConfigLoader.Result r = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                return ConfigLoader.load(file.toString(), new ConfigLoader.Options("node1", false, HOST));
            } catch (Throwable t) { // StackOverflowError included: any escape is a bug
                java.io.StringWriter sw = new java.io.StringWriter();
                t.printStackTrace(new java.io.PrintWriter(sw));
                fail(name + ": ConfigLoader.load threw " + sw.toString().lines().limit(15).reduce("", (a, b) -> a + "\n" + b));
                return null;
            }
        }, name + ": ConfigLoader.load did not finish in 5 s");
        List<String> bad = new ArrayList<>();
        for (ConfigProblem p : r.problems().all()) {
            if (p.origin() != null ? p.origin().file() == null || p.origin().line() <= 0 : !isWholeConfig(p.message())) {
                bad.add(p.format());
            }
        }
        if (!bad.isEmpty()) {
            fail(name + ": problems without a usable file:line:\n  " + String.join("\n  ", bad.subList(0, Math.min(10, bad.size()))));
        }
    }

    private static boolean isWholeConfig(String message) {
        return WHOLE_CONFIG.stream().anyMatch(p -> p.matcher(message).find());
    }

    /** Corpus files (not the fragments, which are copied next to each mutant for its includes). */
    private static List<Path> corpusFiles() throws IOException {
        Path dir = corpusDir();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
    }

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

    private static void copyIncludes(Path corpus, Path dir) throws IOException {
        Path inc = corpus.resolve("inc");
        if (!Files.isDirectory(inc) || Files.exists(dir.resolve("inc"))) {
            return;
        }
        try (Stream<Path> s = Files.walk(inc)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = dir.resolve(corpus.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** One way of breaking a file; each uses only the Random it is given. */
    enum Mutation {
        TRUNCATE {
            @Override
            byte[] apply(byte[] in, Random r) {
                return java.util.Arrays.copyOf(in, in.length == 0 ? 0 : r.nextInt(in.length));
            }
        },
        DELETE_BRACES {
            @Override
            byte[] apply(byte[] in, Random r) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (byte b : in) {
                    if ((b == '{' || b == '}') && r.nextInt(3) == 0) {
                        continue;
                    }
                    out.write(b);
                }
                return out.toByteArray();
            }
        },
        GARBAGE_BYTES {
            @Override
            byte[] apply(byte[] in, Random r) {
                byte[] pool = {0, (byte) 0xff, (byte) 0xfe, (byte) 0xc3, (byte) 0x80, '{', '}', '"', '\\', '$', '~', '@', '#', '!',
                    '\r', '\n', '\t', ' ', 'x', '9'};
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (byte b : in) {
                    out.write(b);
                    if (r.nextInt(40) == 0) {
                        for (int k = r.nextInt(4); k >= 0; k--) {
                            out.write(pool[r.nextInt(pool.length)]);
                        }
                    }
                }
                return out.toByteArray();
            }
        },
        HUGE_NUMBERS {
            @Override
            byte[] apply(byte[] in, Random r) {
                String s = new String(in, StandardCharsets.ISO_8859_1);
                String[] huge = {"99999999999999999999999999", "-1", "4294967296", "18446744073709551616", "0", "-0", "1e99",
                    "0x7fffffff", "2147483648", "9223372036854775808", "1.", ".5", "NaN"};
                StringBuilder sb = new StringBuilder();
                java.util.regex.Matcher m = Pattern.compile("\\b\\d+\\b").matcher(s);
                while (m.find()) {
                    m.appendReplacement(sb, r.nextInt(3) == 0 ? huge[r.nextInt(huge.length)] : m.group());
                }
                m.appendTail(sb);
                return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
            }
        },
        DUPLICATE_AND_SHUFFLE_LINES {
            @Override
            byte[] apply(byte[] in, Random r) {
                List<String> lines = new ArrayList<>(List.of(new String(in, StandardCharsets.ISO_8859_1).split("\n", -1)));
                for (int k = 0; k < 5 && !lines.isEmpty(); k++) {
                    int a = r.nextInt(lines.size());
                    int b = r.nextInt(lines.size());
                    if (r.nextBoolean()) {
                        lines.add(b, lines.get(a));
                    } else {
                        java.util.Collections.swap(lines, a, b);
                    }
                }
                return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
            }
        },
        LONG_LINE {
            @Override
            byte[] apply(byte[] in, Random r) {
                String s = new String(in, StandardCharsets.ISO_8859_1);
                int at = s.isEmpty() ? 0 : r.nextInt(s.length());
                String filler = switch (r.nextInt(3)) {
                    case 0 -> "x".repeat(1000 + r.nextInt(5000));
                    case 1 -> " \"a b".repeat(500);
                    default -> "{ ".repeat(2000);
                };
                return (s.substring(0, at) + filler + s.substring(at)).getBytes(StandardCharsets.ISO_8859_1);
            }
        },
        DEEP_NESTING {
            @Override
            byte[] apply(byte[] in, Random r) {
                String s = new String(in, StandardCharsets.ISO_8859_1);
                int at = s.indexOf('{');
                if (at < 0) {
                    at = 0;
                }
                return (s.substring(0, at) + "{\n".repeat(5000 + r.nextInt(5000)) + s.substring(at))
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
        },
        PREPROCESSOR_NOISE {
            @Override
            byte[] apply(byte[] in, Random r) {
                String[] noise = {"include fuzz.conf", "include inc", "include inc/*", "$X=\\", "${X}", "$X", "~SEQ(i,100000) a$i",
                    "~SEQ(i,", "~LST({a,b},{1", "@", "@^", "@node1", "\"", "\\", "${_RANDOM 1 99999999999999999999}", "${_ENV}"};
                List<String> lines = new ArrayList<>(List.of(new String(in, StandardCharsets.ISO_8859_1).split("\n", -1)));
                for (int k = 0; k < 4; k++) {
                    lines.add(r.nextInt(lines.size() + 1), noise[r.nextInt(noise.length)]);
                }
                return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
            }
        };

        abstract byte[] apply(byte[] in, Random r);
    }

}
