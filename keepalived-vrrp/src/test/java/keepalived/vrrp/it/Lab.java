package keepalived.vrrp.it;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import keepalived.testing.Prerequisites;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One interop test's world as a JUnit extension: before each test, its output directory
 * (target/it/CLASS/METHOD, emptied) and a fresh segment of hosts; after it, everything the test
 * started ({@link #track}: daemons, captures, readers) closed newest first, then the segment.
 *
 * <pre>{@code @RegisterExtension final Lab lab = Lab.withHosts(2);}</pre>
 */
final class Lab implements BeforeEachCallback, AfterEachCallback {
    private final int hosts;
    private final boolean eth1;
    private final Deque<AutoCloseable> open = new ArrayDeque<>();
    private Path dir;
    private Segment segment;

    private Lab(int hosts, boolean eth1) {
        this.hosts = hosts;
        this.eth1 = eth1;
    }

    static Lab withHosts(int hosts) {
        return new Lab(hosts, false);
    }

    /** Each host also gets an eth1 on a second bridge. */
    Lab withEth1() {
        return new Lab(hosts, true);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Prerequisites.requireRealKeepalived();
        dir = TestDir.fresh(Path.of("target", "it", context.getRequiredTestClass().getSimpleName(),
                context.getRequiredTestMethod().getName()));
        segment = Segment.create(hosts);
        if (eth1) {
            segment.addEth1();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        while (!open.isEmpty()) {
            try {
                open.pop().close();
            } catch (Exception e) {
                // best effort: the segment below still has to go
            }
        }
        if (segment != null) {
            segment.close();
        }
    }

    Path dir() {
        return dir;
    }

    Segment segment() {
        return segment;
    }

    Segment.Host host(int number) {
        return segment.host(number);
    }

    /** Closed after the test, before the segment, newest first. */
    <T extends AutoCloseable> T track(T resource) {
        open.push(resource);
        return resource;
    }
}
