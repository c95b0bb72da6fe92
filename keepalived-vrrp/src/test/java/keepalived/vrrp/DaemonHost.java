package keepalived.vrrp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import keepalived.testing.Cmd;
import keepalived.testing.Prerequisites;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A namespace for one daemon JVM, as a JUnit extension: before each test the namespace with
 * {@code eth0} (given address) and its veth peer; after it, the daemon's whole process tree
 * killed and the namespace deleted.
 *
 * <pre>{@code @RegisterExtension final DaemonHost host = new DaemonHost("kart", "10.250.47.1/24");}</pre>
 */
final class DaemonHost implements BeforeEachCallback, AfterEachCallback {
    private final String ns;
    private final String cidr;
    private Process daemon;

    /** @param tag a short prefix of the namespace name (the test JVM's pid is appended) */
    DaemonHost(String tag, String cidr) {
        this.ns = tag + ProcessHandle.current().pid();
        this.cidr = cidr;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Prerequisites.requireRoot();
        DaemonJvm.createHost(ns, cidr);
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        if (daemon != null && daemon.isAlive()) {
            daemon.descendants().forEach(ProcessHandle::destroyForcibly);
            daemon.destroyForcibly();
            daemon.waitFor(5, TimeUnit.SECONDS);
        }
        Cmd.run("ip", "netns", "del", ns);
    }

    String ns() {
        return ns;
    }

    /** Starts the daemon here (see {@link DaemonJvm#start(String, Path, Path, List)}). */
    Process start(Path conf, Path out, String... jvmOptions) throws IOException {
        daemon = DaemonJvm.start(ns, conf, out, List.of(jvmOptions));
        return daemon;
    }
}
