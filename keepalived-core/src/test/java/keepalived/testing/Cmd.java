package keepalived.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs an external command with a time limit and captures its exit code, stdout and stderr. */
public final class Cmd {
    private Cmd() {
    }

    /** What a finished (or killed) command left behind; {@code exitCode} is -1 after a timeout. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr, boolean timedOut) {
        public boolean ok() {
            return exitCode == 0 && !timedOut;
        }

        /** stdout and stderr together, for failure messages. */
        public String output() {
            return stdout + stderr;
        }

        /** Throws with the whole output when the command did not exit 0. */
        public Result check() {
            if (!ok()) {
                throw new IllegalStateException(describe());
            }
            return this;
        }

        public String describe() {
            return String.join(" ", command) + (timedOut ? " timed out" : " exited " + exitCode)
                    + (stdout.isEmpty() ? "" : "\n--- stdout\n" + stdout)
                    + (stderr.isEmpty() ? "" : "\n--- stderr\n" + stderr);
        }
    }

    public static Result run(String... command) {
        return run(null, 30, List.of(command));
    }

    /**
     * @param dir     working directory, or null for ours
     * @param seconds time limit; the process tree is destroyed when it runs out
     */
    public static Result run(Path dir, long seconds, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(List.copyOf(command), 127, "", String.valueOf(e.getMessage()), false);
        }
        // Drain both pipes concurrently so a chatty process never blocks on a full pipe.
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> slurp(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> slurp(p.getErrorStream()));
        boolean finished;
        try {
            finished = p.waitFor(seconds, TimeUnit.SECONDS);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            finished = false;
        }
        return new Result(List.copyOf(command), finished ? p.exitValue() : -1, out.join(), err.join(), !finished);
    }

    /** Whether an executable named {@code name} is on the PATH (or is an existing absolute path). */
    public static boolean available(String name) {
        if (name.startsWith("/")) {
            return java.nio.file.Files.isExecutable(Path.of(name));
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String d : (path + ":/usr/sbin:/sbin").split(":")) {
            if (!d.isEmpty() && java.nio.file.Files.isExecutable(Path.of(d, name))) {
                return true;
            }
        }
        return false;
    }

    private static String slurp(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
