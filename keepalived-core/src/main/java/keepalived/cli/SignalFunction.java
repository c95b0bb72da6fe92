package keepalived.cli;

/**
 * keepalived's signal functions and their signal numbers on Linux/glibc, as
 * {@code keepalived --signum=FUNC} prints them (scripts use it to address a running daemon).
 */
public enum SignalFunction {
    STOP(15),
    RELOAD(1),
    DATA(10),
    STATS(12),
    /** SIGRTMAX-1. */
    STATS_CLEAR(63),
    /** SIGRTMIN+2. */
    JSON(36);

    private final int number;

    SignalFunction(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The function named exactly {@code name} (case-sensitive, as keepalived), or null. */
    public static SignalFunction byName(String name) {
        for (SignalFunction f : values()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
