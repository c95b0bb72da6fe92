package keepalived.config;

import java.util.List;

/**
 * The words of one configuration line as a keyword handler sees them: {@code word(0)} is the
 * keyword (or, in a value block, the first word of the entry). Conversions report problems in
 * keepalived's words and return null, so a handler simply skips the setting on null.
 */
public final class Args {
    private final ConfigLine line;
    private final List<String> words;
    private final Problems problems;
    private final int position;

    public Args(ConfigLine line, List<String> words, Problems problems) {
        this(line, words, problems, -1);
    }

    /** @param position index of the line in the preprocessed input (same in every pass) */
    public Args(ConfigLine line, List<String> words, Problems problems, int position) {
        this.line = line;
        this.words = words;
        this.problems = problems;
        this.position = position;
    }

    /**
     * Where the line stands in the whole (preprocessed) configuration: keepalived resolves some
     * references while parsing, so "defined before" is a comparison of positions.
     */
    public int position() {
        return position;
    }

    public Origin origin() {
        return line.origin();
    }

    public ConfigLine line() {
        return line;
    }

    public Problems problems() {
        return problems;
    }

    public List<String> words() {
        return words;
    }

    /** The keyword (first word). */
    public String keyword() {
        return words.get(0);
    }

    /** Number of words including the keyword. */
    public int size() {
        return words.size();
    }

    public boolean has(int i) {
        return i < words.size();
    }

    public String word(int i) {
        return i < words.size() ? words.get(i) : null;
    }

    /** Words from {@code from} to the end. */
    public List<String> from(int from) {
        return from >= words.size() ? List.of() : words.subList(from, words.size());
    }

    /**
     * Word {@code i}, which keepalived reads unconditionally: when it is missing keepalived
     * abandons the whole configuration, and so do we.
     */
    public String required(int i) {
        if (i < words.size()) {
            return words.get(i);
        }
        throw problems.abort(origin(), "*** Configuration line starting `" + line.text()
                + "` is missing a parameter after keyword `" + words.get(words.size() - 1)
                + "` at word position " + (i + 1));
    }

    public void error(String message) {
        problems.error(origin(), message);
    }

    public void warning(String message) {
        problems.warning(origin(), message);
    }

    public void report(Severity s, String message) {
        problems.report(s, origin(), message);
    }

    /** An integer in [min, max], with keepalived's messages; null when invalid. */
    public Long integer(int i, long min, long max) {
        return Values.integer(required(i), min, max, origin(), problems);
    }

    /** A decimal number of seconds in [min, max] (microsecond resolution); null when invalid. */
    public Double seconds(int i, double min, double max) {
        return Values.decimal(required(i), min, max, origin(), problems);
    }

    /** keepalived's optional boolean: absent means true; else on/off/true/false/yes/no. */
    public Boolean bool(int i) {
        if (!has(i)) {
            return Boolean.TRUE;
        }
        return Values.bool(word(i), origin(), problems);
    }
}
