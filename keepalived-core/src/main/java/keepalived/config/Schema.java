package keepalived.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The keyword table of one kind of block (keepalived's {@code install_keyword} lists), built
 * with a small fluent API. Tables are plain data: the {@link ConfigParser} walks them, and the
 * compatibility document is generated from them.
 */
public final class Schema {
    private final String name;
    private final Map<String, Keyword> keywords = new LinkedHashMap<>();
    private final List<BiConsumer<Block.Builder, Problems>> closeChecks = new ArrayList<>();
    private Keyword.Handler entryHandler;

    /** @param name the block keyword this table is for ("" for the top level) */
    public Schema(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public Keyword keyword(String word) {
        return keywords.get(word);
    }

    public Collection<Keyword> keywords() {
        return Collections.unmodifiableCollection(keywords.values());
    }

    public List<BiConsumer<Block.Builder, Problems>> closeChecks() {
        return closeChecks;
    }

    /**
     * Makes this a named block of entries (e.g. {@code virtual_server_group NAME { ... }}): lines
     * whose first word is not a keyword of the table go to {@code h} instead of being unknown.
     */
    public Schema entries(Keyword.Handler h) {
        this.entryHandler = h;
        return this;
    }

    /** The entry handler, or null for an ordinary keyword table. */
    public Keyword.Handler entryHandler() {
        return entryHandler;
    }

    /** Adds a check run when the block closes (defaults, combinations, keepalived's warnings). */
    public Schema onClose(BiConsumer<Block.Builder, Problems> check) {
        closeChecks.add(check);
        return this;
    }

    private Keyword add(Keyword k) {
        if (keywords.putIfAbsent(k.name(), k) != null) {
            throw new IllegalStateException("keyword " + k.name() + " declared twice in " + name);
        }
        return k;
    }

    // ---- declarations ----

    /** A keyword with a hand-written handler. */
    public Keyword custom(String word, Keyword.Handler h) {
        return add(new Keyword(word, Keyword.Kind.VALUE, h, null, null, null));
    }

    /** A keyword whose first parameter is converted by {@code conv} (null = already reported). */
    public <T> Keyword value(String word, Key<T> key, Function<Args, T> conv) {
        return custom(word, (b, a) -> {
            T v = conv.apply(a);
            if (v != null) {
                b.set(key, v, a.origin());
            }
        });
    }

    /** A string parameter, which keepalived requires. */
    public Keyword string(String word, Key<String> key) {
        return value(word, key, a -> a.required(1));
    }

    /** An integer parameter in [min, max]. */
    public Keyword integer(String word, Key<Integer> key, long min, long max) {
        return value(word, key, a -> {
            Long v = a.integer(1, min, max);
            return v == null ? null : v.intValue();
        });
    }

    /** A number of seconds (decimal) in [min, max], stored in microseconds. */
    public Keyword timer(String word, Key<Long> key, double min, double max) {
        return value(word, key, a -> {
            Double v = a.seconds(1, min, max);
            return v == null ? null : Math.round(v * 1_000_000);
        });
    }

    /** A flag: the bare keyword means true; an optional on/off/yes/no/true/false word. */
    public Keyword flag(String word, Key<Boolean> key) {
        return value(word, key, a -> a.bool(1));
    }

    /** A flag that takes no value; any words after it are ignored, as keepalived does. */
    public Keyword bareFlag(String word, Key<Boolean> key) {
        return custom(word, (b, a) -> b.set(key, Boolean.TRUE, a.origin()));
    }

    /** A value block whose entry lines are converted by {@code conv} and collected in order. */
    public <T> Keyword list(String word, Key<List<T>> key, Function<Args, T> conv) {
        return add(new Keyword(word, Keyword.Kind.LIST, (b, a) -> {
            T v = conv.apply(a);
            if (v != null) {
                b.add(key, v, a.origin());
            }
        }, null, null, key));
    }

    /** A value block whose entries are handled by {@code h} (word(0) is the entry's first word). */
    public Keyword listCustom(String word, Key<? extends List<?>> key, Keyword.Handler h) {
        return add(new Keyword(word, Keyword.Kind.LIST, h, null, null, key));
    }

    /** A block whose each occurrence becomes a new child in {@code key}; header words kept. */
    public Keyword blocks(String word, Key<List<Block>> key, Schema sub) {
        return blocks(word, key, sub, null);
    }

    /** As {@link #blocks(String, Key, Schema)} with a handler that checks the header words. */
    public Keyword blocks(String word, Key<List<Block>> key, Schema sub, Keyword.Handler header) {
        return add(new Keyword(word, Keyword.Kind.BLOCK, header, sub, Keyword.BlockMode.NEW, key));
    }

    /** A block whose occurrences all fill one child block stored in {@code key}. */
    public Keyword merged(String word, Key<Block> key, Schema sub) {
        return add(new Keyword(word, Keyword.Kind.BLOCK, null, sub, Keyword.BlockMode.MERGE, key));
    }

    /** A block whose inner keywords set values of the enclosing block. */
    public Keyword inline(String word, Schema sub) {
        return add(new Keyword(word, Keyword.Kind.BLOCK, null, sub, Keyword.BlockMode.INLINE, null));
    }

    /**
     * Marks keywords of this block as honoured at run time (docs/compatibility.md says so);
     * an unknown name is a programming error, caught when the table loads.
     */
    public Schema implemented(String... words) {
        for (String w : words) {
            Keyword k = keywords.get(w);
            if (k == null) {
                throw new IllegalStateException("implemented(): no keyword " + w + " in " + name);
            }
            k.support(Keyword.Support.IMPLEMENTED);
            // old spellings do what their replacement does (an alias copies the status it had when declared)
            for (Keyword old : keywords.values()) {
                if (w.equals(old.replacedBy())) {
                    old.support(Keyword.Support.IMPLEMENTED);
                }
            }
        }
        return this;
    }

    /** An old spelling: same handling as {@code current}, documented as replaced by it. */
    public Keyword alias(String oldWord, String current) {
        Keyword k = keywords.get(current);
        if (k == null) {
            throw new IllegalStateException("alias of undeclared keyword " + current);
        }
        Keyword a = new Keyword(oldWord, k.kind(), k.handler(), k.sub(), k.mode(), k.target());
        a.support(k.support()).replacedBy(current);
        return add(a);
    }
}
