package keepalived.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Guards for tests that need root, iproute2 or the real keepalived. Locally a missing
 * prerequisite skips the test; in CI ({@code CI=true}) it fails it, so a broken CI image can
 * never turn the interop tests into silent skips.
 */
public final class Prerequisites {
    /** Debian's keepalived 2.2.7, the reference implementation. */
    public static final String KEEPALIVED = "/usr/sbin/keepalived";

    private Prerequisites() {
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (locally) or fails (in CI) unless {@code condition} holds. */
    public static void require(boolean condition, String what) {
        if (condition) {
            return;
        }
        if (inCi()) {
            Assertions.fail("prerequisite missing in CI: " + what);
        }
        Assumptions.abort("prerequisite missing: " + what);
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"))
                || Cmd.available("id") && Cmd.run("id", "-u").stdout().strip().equals("0");
    }

    /** Root and the {@code ip} command: enough to build network namespaces. */
    public static void requireRoot() {
        require(isRoot(), "running as root");
        require(Cmd.available("ip"), "the ip command (iproute2)");
    }

    /** {@link #requireRoot()} plus Debian's keepalived at {@value #KEEPALIVED}. */
    public static void requireRealKeepalived() {
        requireRoot();
        require(Cmd.available(KEEPALIVED), KEEPALIVED + " (apt-get install keepalived)");
    }
}
