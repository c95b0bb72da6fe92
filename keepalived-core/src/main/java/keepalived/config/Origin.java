package keepalived.config;

/**
 * Where a line of configuration came from: the file (as keepalived names it in messages) and
 * the 1-based line number. Carried from the reader to every parsed value so that a later
 * semantic check can still point at {@code (FILE: Line N)}.
 */
public record Origin(String file, int line) {

    /** keepalived's message prefix, {@code (FILE: Line N)}. */
    public String prefix() {
        return "(" + file + ": Line " + line + ")";
    }

    @Override
    public String toString() {
        return prefix();
    }
}
