package keepalived.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parsed configuration block ({@code global_defs}, a {@code vrrp_instance}, a
 * {@code real_server}, a checker ...): its keyword, the words that followed the keyword, and
 * the typed values of the keywords inside it, each with the origin of the line that set it.
 * Immutable once built, so a reload that fails leaves the running model untouched.
 */
public final class Block {
    private final String keyword;
    private final List<String> header;
    private final Origin origin;
    private final Map<Key<?>, Object> values;
    private final Map<Key<?>, Origin> origins;
    private final Origin closeOrigin;

    /** Takes over the builder's maps (a builder is not used after build), building children. */
    private Block(Builder b) {
        this.keyword = b.keyword;
        this.header = Collections.unmodifiableList(b.header);
        this.origin = b.origin;
        this.closeOrigin = b.closeOrigin;
        for (Map.Entry<Key<?>, Object> e : b.values.entrySet()) {
            Object value = e.getValue();
            if (value instanceof ListBuilder lb) {
                e.setValue(lb.build());
            } else if (value instanceof Builder child) {
                e.setValue(child.build());
            }
        }
        this.values = Collections.unmodifiableMap(b.values);
        this.origins = Collections.unmodifiableMap(b.origins);
    }

    private Block(Block from, Map<Key<?>, Object> values) {
        this.keyword = from.keyword;
        this.header = from.header;
        this.origin = from.origin;
        this.closeOrigin = from.closeOrigin;
        this.values = Collections.unmodifiableMap(values);
        this.origins = from.origins;
    }

    /**
     * A copy with {@code key} set to {@code value} (removed when null), for a runtime that drops
     * parts of a parsed configuration (disabled scripts); this block is left as it is.
     */
    public <T> Block with(Key<T> key, T value) {
        Map<Key<?>, Object> copy = new LinkedHashMap<>(values);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new Block(this, copy);
    }

    /** The block keyword, e.g. {@code vrrp_instance} or {@code HTTP_GET}. */
    public String keyword() {
        return keyword;
    }

    /** The words after the block keyword, e.g. {@code [VI_1]} or {@code [10.0.0.1, 80]}. */
    public List<String> header() {
        return header;
    }

    /** The first header word (the block's name for named blocks), or null. */
    public String name() {
        return header.isEmpty() ? null : header.get(0);
    }

    public Origin origin() {
        return origin;
    }

    /**
     * Origin of the line that closed the block (its {@code }}), or the block's own origin when
     * unknown; keepalived reports its end-of-block checks at that line.
     */
    public Origin closeOrigin() {
        return closeOrigin;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key) {
        Object v = values.get(key);
        return v == null ? key.defaultValue() : (T) v;
    }

    public boolean isSet(Key<?> key) {
        return values.containsKey(key);
    }

    /** Origin of the line that set {@code key}, or the block's own origin. */
    public Origin originOf(Key<?> key) {
        return origins.getOrDefault(key, origin);
    }

    /** Every value set in this block, in the order the keywords first appeared. */
    public Map<Key<?>, Object> values() {
        return values;
    }

    /** The child blocks stored under {@code key} (empty when none). */
    public List<Block> blocks(Key<List<Block>> key) {
        List<Block> l = get(key);
        return l == null ? List.of() : l;
    }

    @Override
    public String toString() {
        return keyword + (header.isEmpty() ? "" : " " + String.join(" ", header));
    }

    /** Mutable form used while a block is being parsed. */
    public static final class Builder {
        private final String keyword;
        private final List<String> header;
        private final Origin origin;
        private final Map<Key<?>, Object> values = new LinkedHashMap<>();
        private final Map<Key<?>, Origin> origins = new LinkedHashMap<>();
        private Origin closeOrigin;

        public Builder(String keyword, List<String> header, Origin origin) {
            this.keyword = keyword;
            this.header = new ArrayList<>(header);
            this.origin = origin;
        }

        public String keyword() {
            return keyword;
        }

        public List<String> header() {
            return header;
        }

        public String name() {
            return header.isEmpty() ? null : header.get(0);
        }

        public Origin origin() {
            return origin;
        }

        /** Origin of the closing brace (set by the parser before close checks run). */
        public Origin closeOrigin() {
            return closeOrigin != null ? closeOrigin : origin;
        }

        public Builder closedAt(Origin o) {
            this.closeOrigin = o;
            return this;
        }

        public <T> Builder set(Key<T> key, T value, Origin from) {
            values.put(key, value);
            origins.put(key, from);
            return this;
        }

        @SuppressWarnings("unchecked")
        public <T> T get(Key<T> key) {
            Object v = values.get(key);
            if (v instanceof ListBuilder lb) {
                return (T) lb.items;
            }
            if (v instanceof Builder) {
                throw new IllegalStateException("key " + key + " holds a block under construction");
            }
            return v == null ? key.defaultValue() : (T) v;
        }

        public boolean isSet(Key<?> key) {
            return values.containsKey(key);
        }

        public Origin originOf(Key<?> key) {
            return origins.getOrDefault(key, origin);
        }

        public void remove(Key<?> key) {
            values.remove(key);
            origins.remove(key);
        }

        /** Appends to a list-valued key (lists accumulate across repeated keywords and blocks). */
        public <T> Builder add(Key<List<T>> key, T item, Origin from) {
            ListBuilder lb = (ListBuilder) values.computeIfAbsent(key, k -> new ListBuilder());
            lb.items.add(item);
            origins.putIfAbsent(key, from);
            return this;
        }

        /** Makes sure an (empty) list exists, so that an empty value block is distinguishable. */
        public Builder touch(Key<? extends List<?>> key, Origin from) {
            values.computeIfAbsent(key, k -> new ListBuilder());
            origins.putIfAbsent(key, from);
            return this;
        }

        /** Appends a child block builder to a list of blocks; built with this block. */
        public Builder addChild(Key<List<Block>> key, Builder child) {
            ListBuilder lb = (ListBuilder) values.computeIfAbsent(key, k -> new ListBuilder());
            lb.items.add(child);
            origins.putIfAbsent(key, child.origin);
            return this;
        }

        /** The single child block under {@code key}, created on first use (merged blocks). */
        public Builder child(Key<Block> key, String keyword, Origin from) {
            Object v = values.get(key);
            if (v instanceof Builder b) {
                return b;
            }
            Builder b = new Builder(keyword, List.of(), from);
            values.put(key, b);
            origins.put(key, from);
            return b;
        }

        /** Copies the values of {@code other} whose keys this block does not have yet. */
        public void mergeAbsent(Builder other) {
            for (Map.Entry<Key<?>, Object> e : other.values.entrySet()) {
                if (!values.containsKey(e.getKey())) {
                    values.put(e.getKey(), e.getValue());
                    origins.put(e.getKey(), other.originOf(e.getKey()));
                }
            }
        }

        public Block build() {
            return new Block(this);
        }
    }

    /** A list under construction; may hold child builders, built with the parent. */
    private static final class ListBuilder {
        final List<Object> items = new ArrayList<>();

        /** Builds child builders in place and hands the list over (no copy). */
        List<Object> build() {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof Builder b) {
                    items.set(i, b.build());
                }
            }
            return Collections.unmodifiableList(items);
        }
    }
}
