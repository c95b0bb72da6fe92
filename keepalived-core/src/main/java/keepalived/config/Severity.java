package keepalived.config;

/**
 * Classes of configuration problem, in keepalived's order (its {@code config_err_t}). The status
 * of a whole parse is the highest class reported (keepalived's "last numerically highest wins"
 * rule), and {@link #exitCode()} maps it to the exit code of {@code keepalived -t}.
 */
public enum Severity {
    /** Not a problem. */
    OK,
    /** A configuration file could not be found or read: keepalived cannot run. */
    FILE_NOT_FOUND,
    /** An interface named in the config does not exist: cannot run as configured. */
    BAD_INTERFACE,
    /** Anything else that stops keepalived from running. */
    FATAL,
    UNKNOWN_KEYWORD,
    UNEXPECTED_BRACE,
    MISSING_BRACE,
    UNMATCHED_QUOTE,
    MISSING_PARAMETER,
    INVALID_NUMBER,
    /** A bad value or combination; keepalived reports it and carries on with a default. */
    GENERAL_ERROR,
    WARNING,
    DEPRECATED,
    /** Scripts would run but {@code enable_script_security} is not set (SECURITY VIOLATION). */
    SECURITY;

    /** Exit code of {@code keepalived -t} for a parse whose status is this class (2.2.7 values). */
    public int exitCode() {
        return switch (this) {
            case OK -> 0;
            case FILE_NOT_FOUND, BAD_INTERFACE, FATAL -> 4;
            case SECURITY -> 6;
            default -> 5;
        };
    }
}
