package keepalived.config;

/**
 * One reported configuration problem. {@code origin} is null for whole-config checks, which
 * keepalived prints without a file and line.
 *
 * @param counted false for notices that are printed but do not change the config-test status
 *                (e.g. a keyword keepalived-java parses but does not implement)
 */
public record ConfigProblem(Severity severity, Origin origin, String message, boolean counted) {

    /** The line as {@code keepalived -t} prints it. */
    public String format() {
        return origin == null ? message : origin.prefix() + " " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
