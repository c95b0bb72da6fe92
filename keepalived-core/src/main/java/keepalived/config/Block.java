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

    private Block(Builder b) {
        this.keyword = b.keyword;
        this.header = List.copyOf(b.header);
        this.origin = b.origin;
        Map<Key<?>, Object> v = new LinkedHashMap<>();
        for (Map.Entry<Key<?>, Object> e : b.values.entrySet()) {
            Object value = e.getValue();
            if (value instanceof ListBuilder lb) {
                value = lb.build();
            } else if (value instanceof Builder child) {
                value = child.build();
            }
            v.put(e.getKey(), value);
        }
        this.values = Collections.unmodifiableMap(v);
        this.origins = Map.copyOf(b.origins);
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

        /** Where the block's closing brace was read (keepalived reports close checks there). */
        public Origin closeOrigin() {
            return closeOrigin != null ? closeOrigin : origin;
        }

        /** Records the closing brace's line; set by the parser just before the close checks run. */
        public void closedAt(Origin o) {
            this.closeOrigin = o;
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

        public Block build() {
            return new Block(this);
        }
    }

    /** A list under construction; may hold child builders, built with the parent. */
    private static final class ListBuilder {
        final List<Object> items = new ArrayList<>();

        List<Object> build() {
            List<Object> out = new ArrayList<>(items.size());
            for (Object o : items) {
                out.add(o instanceof Builder b ? b.build() : o);
            }
            return Collections.unmodifiableList(out);
        }
    }
}
