package keepalived.sys;

import java.io.IOException;

import jnr.constants.platform.Errno;

/**
 * A failed system call: carries the call's name and its errno so callers can react to a specific
 * error (EEXIST, EPERM...) and logs read like {@code sendto(fd=12): EPERM (Operation not permitted)}.
 */
public class NativeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    public NativeException(String call, int errno) {
        super(call + ": " + describe(errno));
        this.call = call;
        this.errno = errno;
    }

    /** The call and its main argument, e.g. {@code bind(fd=7)}. */
    public String call() {
        return call;
    }

    /** The raw errno value (always set, even when jnr-constants does not know it). */
    public int errnoValue() {
        return errno;
    }

    /** The errno as a jnr-constants enum; {@code __UNKNOWN_CONSTANT__} for values it lacks. */
    public Errno errno() {
        return Errno.valueOf(errno);
    }

    /** {@code EPERM (Operation not permitted)}, or {@code errno 1234} for unknown values. */
    public static String describe(int errno) {
        Errno e = Errno.valueOf(errno);
        if (!e.defined() || e.name().startsWith("__")) {
            return "errno " + errno;
        }
        return e.name() + " (" + e.description() + ")";
    }
}
