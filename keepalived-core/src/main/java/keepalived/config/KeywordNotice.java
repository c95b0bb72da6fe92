package keepalived.config;

/**
 * keepalived-java's own {@code -t} lines about keywords it parses but does not act on (the
 * project rule: nothing is silently ignored). keepalived prints no such lines, so tests that
 * compare our output with keepalived's leave them out with {@link #isNotice(String)}.
 */
public final class KeywordNotice {
    private static final String MARK = "by keepalived-java";

    private KeywordNotice() {
    }

    /** The notice for a keyword that is parsed and then ignored at run time; null if it is honoured. */
    public static String of(Keyword k) {
        return switch (k.support()) {
            case UNSUPPORTED -> "keyword '" + k.name() + "' is not supported " + MARK + " - ignoring";
            case PLANNED -> "keyword '" + k.name() + "' is not implemented " + MARK + " yet - ignoring"
                    + (k.kind() == Keyword.Kind.BLOCK ? " the whole block" : "");
            case IMPLEMENTED, NO_EFFECT -> null;
        };
    }

    /** True when the runtime ignores the keyword (and, for a block, everything in it). */
    public static boolean ignored(Keyword k) {
        return k.support() == Keyword.Support.PLANNED || k.support() == Keyword.Support.UNSUPPORTED;
    }

    /**
     * True for a printed line that is one of our notices: these, and the other lines that say
     * what keepalived-java does not do (e.g. auth_type AH). keepalived never names keepalived-java.
     */
    public static boolean isNotice(String line) {
        return line.contains(" " + MARK);
    }
}
