package keepalived.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A uniquely named network namespace for one test, with helpers to add interfaces. Names carry
 * the test JVM's pid so a leftover from a crashed run never collides with the next one.
 * {@link #close()} removes the namespace and any root-side veth ends, then waits until their
 * names are gone (namespace teardown is asynchronous). Use in try-with-resources or @AfterAll.
 */
public final class NetNs implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final long PID = ProcessHandle.current().pid();

    private final String name;
    private final List<String> rootLinks = new ArrayList<>();
    private boolean closed;

    private NetNs(String name) {
        this.name = name;
    }

    /** Creates {@code kj<tag><pid>_<n>} with {@code lo} up. */
    public static NetNs create(String tag) {
        String name = "kj" + tag + PID + "_" + COUNTER.incrementAndGet();
        Cmd.run("ip", "netns", "del", name); // a leftover of a recycled pid
        Cmd.run("ip", "netns", "add", name).check();
        NetNs ns = new NetNs(name);
        try {
            ns.ip("link", "set", "lo", "up");
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    public String name() {
        return name;
    }

    /** A root-namespace interface name unique to this JVM (at most 15 characters). */
    public static String uniqueRootName(String tag) {
        String n = tag + PID + "x" + COUNTER.incrementAndGet();
        if (n.length() > 15) {
            throw new IllegalArgumentException("interface name too long: " + n);
        }
        return n;
    }

    /** Runs {@code ip -n NS args...} and fails on error. */
    public Cmd.Result ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        return Cmd.run(null, 30, cmd).check();
    }

    /** Both ends inside the namespace, both up. */
    public NetNs vethPair(String a, String b) {
        ip("link", "add", a, "type", "veth", "peer", "name", b);
        ip("link", "set", a, "up");
        ip("link", "set", b, "up");
        return this;
    }

    /**
     * A veth whose {@code inside} end lives in the namespace and whose other end stays in the root
     * namespace (returned), e.g. to plug the namespace into a bridge.
     */
    public String vethToRoot(String inside) {
        String outside = uniqueRootName("kv");
        Cmd.run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside, "netns", name).check();
        rootLinks.add(outside);
        Cmd.run("ip", "link", "set", outside, "up").check();
        ip("link", "set", inside, "up");
        return outside;
    }

    /** A VLAN on {@code parent}; needs the 8021q module, which containers often lack. */
    public boolean tryVlan(String parent, String vlanName, int id) {
        List<String> cmd = List.of("ip", "-n", name, "link", "add", "link", parent, "name", vlanName,
                "type", "vlan", "id", Integer.toString(id));
        if (!Cmd.run(null, 30, cmd).ok()) {
            return false;
        }
        ip("link", "set", vlanName, "up");
        return true;
    }

    /** The command line prefix that runs a command inside the namespace. */
    public List<String> exec(String... command) {
        return exec(List.of(command));
    }

    public List<String> exec(List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(command);
        return cmd;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (String link : rootLinks) {
            Cmd.run("ip", "link", "del", link);
        }
        Cmd.run("ip", "netns", "del", name);
        long deadline = System.nanoTime() + 5_000_000_000L;
        for (String link : rootLinks) {
            while (System.nanoTime() < deadline && Cmd.run("ip", "link", "show", link).ok()) {
                sleep(50);
            }
        }
        while (System.nanoTime() < deadline && listed()) {
            sleep(50);
        }
    }

    private boolean listed() {
        return Cmd.run("ip", "netns", "list").stdout().lines()
                .anyMatch(l -> l.equals(name) || l.startsWith(name + " "));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
