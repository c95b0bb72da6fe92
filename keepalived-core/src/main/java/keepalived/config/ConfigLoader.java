package keepalived.config;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads, parses and checks a configuration: the one entry point used by {@code -t}, by the
 * parent at start and reload, and by the children. Never throws on bad input; the problems
 * tell whether the result may be used.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /** The outcome of a load: the model (possibly partial) and every problem found. */
    public record Result(KeepalivedConfig config, Problems problems) {
    }

    /** Options that change how a configuration is read. */
    public record Options(String configId, boolean includeCheckAll, Host host) {
        public static Options defaults() {
            return new Options(defaultConfigId(), false, Host.current());
        }
    }

    public static Result load(String file, Options options) {
        return load(file, options, new Problems());
    }

    public static Result load(String file, Options options, Problems problems) {
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS, r -> {
            Thread t = new Thread(r, "config-parse");
            t.setDaemon(true);
            return t;
        });
        try {
            // The passes parse the lines as this thread reads them (a big file is read and
            // parsed at the same time); the first one also initialises the keyword tables.
            LineBuffer lines = new LineBuffer();
            List<Future<PassResult>> passes = new ArrayList<>();
            for (Pass pass : Pass.values()) {
                passes.add(workers.submit(() -> pass.parse(lines, TopLevel.SCHEMA)));
            }
            ConfigReader reader = new ConfigReader(problems, options.configId(), options.includeCheckAll());
            reader.readInto(file, lines);
            Block.Builder model = new Block.Builder("", List.of(), new Origin(file, 0));
            for (Future<PassResult> f : passes) {
                PassResult r = join(f);
                model.mergeAbsent(r.root());
                if (problems.replay(r.problems())) {
                    // keepalived exits at the first abandoned parse: later passes never run
                    return new Result(new KeepalivedConfig(model.build()), problems);
                }
                if (r.pass() == Pass.PARENT && reader.unclosedBraces() > 0) {
                    problems.report(Severity.MISSING_BRACE, null, "There are " + reader.unclosedBraces()
                            + " missing '}'s or extra '{'s");
                }
            }
            KeepalivedConfig config = new KeepalivedConfig(model.build());
            for (TopLevel.Validator v : TopLevel.VALIDATORS) {
                v.validate(config, options.host(), problems);
            }
            return new Result(config, problems);
        } finally {
            workers.shutdown();
        }
    }

    /** One worker per pass: they all follow the reader, so fewer would stall the later passes. */
    private static final int WORKERS = Pass.values().length;

    private record PassResult(Pass pass, Block.Builder root, Problems problems) {
    }

    private static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the configuration", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * keepalived's processes each read the whole configuration with only their own top-level
     * keywords active; which lines get reported on a broken file depends on that, so a load
     * makes the same passes, in keepalived's order, and merges what each pass owns.
     */
    enum Pass {
        PARENT(Keyword.Owner.GLOBAL),
        CHECKER(Keyword.Owner.CHECK, Keyword.Owner.BFD, Keyword.Owner.TRACK_FILE),
        VRRP(Keyword.Owner.VRRP, Keyword.Owner.BFD, Keyword.Owner.TRACK_FILE),
        BFD(Keyword.Owner.BFD);

        private final java.util.Set<Keyword.Owner> owners;

        Pass(Keyword.Owner first, Keyword.Owner... rest) {
            this.owners = java.util.EnumSet.of(first, rest);
        }

        boolean parses(Keyword k) {
            return owners.contains(k.owner());
        }

        /** One process's parse of the whole input, with its own problem list. */
        PassResult parse(LineBuffer lines, Schema top) {
            Problems own = new Problems();
            Block.Builder root = new Block.Builder("", List.of(), new Origin("", 0));
            try {
                new ConfigParser(lines, own, this::parses, this != PARENT).parse(top, root);
            } catch (Problems.ConfigAbort abort) {
                // recorded in own.aborted(); the loader stops after replaying this pass
            }
            return new PassResult(this, root, own);
        }
    }

    /** keepalived's default config id: the host name up to the first dot. */
    public static String defaultConfigId() {
        String name = null;
        try {
            name = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (java.io.IOException | RuntimeException e) {
            try {
                name = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException ex) {
                name = "localhost";
            }
        }
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
