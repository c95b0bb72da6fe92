package keepalived.vrrp.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import keepalived.testing.Prerequisites;

/** A VRRP implementation the interop tests can start in a host: Debian's keepalived or ours. */
enum Impl {
    /** Debian's keepalived 2.2.7 (the reference). */
    KEEPALIVED {
        @Override
        List<String> command(Path conf, Path dir, String name) {
            return List.of(Prerequisites.KEEPALIVED, "-n", "-l", "-D", "-f", conf.toString(),
                    "-p", dir.resolve(name + ".pid").toString(),
                    "-r", dir.resolve(name + "-vrrp.pid").toString(),
                    "-c", dir.resolve(name + "-checkers.pid").toString(),
                    "-b", dir.resolve(name + "-bfd.pid").toString());
        }
    },
    /**
     * Ours, as a JVM on this test's class path (so the tests always run the code just built,
     * before the packaging module assembles the distribution), with the launcher's flags.
     */
    OURS {
        @Override
        List<String> command(Path conf, Path dir, String name) {
            List<String> cmd = new ArrayList<>(List.of(javaExecutable(),
                    "-XX:+UseSerialGC", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                    "-cp", classPath(), "keepalived.cli.Main"));
            cmd.addAll(List.of("-n", "-l", "-D", "-f", conf.toString(),
                    "-p", dir.resolve(name + ".pid").toString(),
                    "-r", dir.resolve(name + "-vrrp.pid").toString(),
                    "-c", dir.resolve(name + "-checkers.pid").toString(),
                    "-b", dir.resolve(name + "-bfd.pid").toString()));
            return cmd;
        }
    };

    abstract List<String> command(Path conf, Path dir, String name);

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classPath;

    /**
     * Surefire's real test class path (java.class.path may be a manifest-only booter jar), with our
     * own modules' jars from the local repository copied once per test JVM: another build's
     * {@code mvn install} may replace them in ~/.m2 while a daemon is still loading classes.
     */
    static synchronized String classPath() {
        if (classPath != null) {
            return classPath;
        }
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        Path snapshot = Path.of("target", "it", "classpath").toAbsolutePath();
        List<String> out = new ArrayList<>();
        try {
            java.nio.file.Files.createDirectories(snapshot);
            for (String entry : cp.split(java.io.File.pathSeparator)) {
                if (entry.isEmpty()) {
                    continue;
                }
                Path p = Path.of(entry);
                if (entry.endsWith(".jar") && entry.contains("keepalived-java") && java.nio.file.Files.isRegularFile(p)) {
                    Path copy = snapshot.resolve(p.getFileName());
                    java.nio.file.Files.copy(p, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    out.add(copy.toString());
                } else {
                    out.add(entry);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        classPath = String.join(java.io.File.pathSeparator, out);
        return classPath;
    }

    String label() {
        return this == KEEPALIVED ? "keepalived" : "ours";
    }
}
