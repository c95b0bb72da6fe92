package keepalived.config;

/**
 * A typed setting of a configuration block, declared once next to its keyword (in the style
 * of Netty's {@code ChannelOption}). {@link Block#get(Key)} returns the parsed value or the
 * key's default, so the default lives in one place.
 */
public final class Key<T> {
    private final String name;
    private final T defaultValue;

    private Key(String name, T defaultValue) {
        this.name = name;
        this.defaultValue = defaultValue;
    }

    public static <T> Key<T> of(String name, T defaultValue) {
        return new Key<>(name, defaultValue);
    }

    public static <T> Key<T> of(String name) {
        return new Key<>(name, null);
    }

    public String name() {
        return name;
    }

    public T defaultValue() {
        return defaultValue;
    }

    @Override
    public String toString() {
        return name;
    }
}
