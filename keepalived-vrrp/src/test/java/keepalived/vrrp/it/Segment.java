package keepalived.vrrp.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import keepalived.testing.Cmd;
import keepalived.testing.NetNs;

/**
 * One Ethernet segment: a bridge in the root namespace and one namespace per host, each with an
 * {@code eth0} on the bridge addressed from 10.250.N.0/24 and fd00:250:0:N::/64 (N per segment).
 * The bridge forgets MAC addresses at once (ageing_time 0), so it floods every frame like a hub and
 * an observer host sees unicast adverts too; multicast snooping is off so VRRP multicast always
 * reaches every port. DAD is off in the hosts so addresses (link-local included) are usable at once.
 * {@link #close()} removes everything it made and waits until the names are gone.
 */
final class Segment implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final int index;
    private final String bridge;
    private final List<Host> hosts = new ArrayList<>();
    private String bridge1;
    private boolean closed;

    private Segment(int index, String bridge) {
        this.index = index;
        this.bridge = bridge;
    }

    /** A segment with {@code count} hosts, numbered 1..count (host i has address .i). */
    static Segment create(int count) {
        Leftovers.sweepDeadJvms();
        int index = SEQ.incrementAndGet() % 250 + 1;
        String bridge = NetNs.uniqueRootName("kb");
        Cmd.run("ip", "link", "add", bridge, "type", "bridge", "ageing_time", "0", "mcast_snooping", "0").check();
        Segment s = new Segment(index, bridge);
        Leftovers.opened(s);
        try {
            Cmd.run("ip", "link", "set", bridge, "up").check();
            for (int i = 1; i <= count; i++) {
                s.hosts.add(s.addHost(i));
            }
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private Host addHost(int number) {
        NetNs ns = NetNs.create("it");
        try {
            Cmd.run(null, 30, ns.exec("sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0",
                    "net.ipv6.conf.default.accept_dad=0")).check();
            String outside = ns.vethToRoot("eth0");
            Cmd.run("ip", "link", "set", outside, "master", bridge).check();
            String v4 = prefix4() + number;
            String v6 = prefix6() + number;
            ns.ip("addr", "add", v4 + "/24", "dev", "eth0");
            ns.ip("-6", "addr", "add", v6 + "/64", "dev", "eth0", "nodad");
            String mac = find(ns.ip("-o", "link", "show", "dev", "eth0").stdout(), "link/ether (\\S+)");
            String ll = null;
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (ll == null && System.nanoTime() < deadline) {
                ll = find(ns.ip("-o", "-6", "addr", "show", "dev", "eth0", "scope", "link").stdout(),
                        "inet6 (fe80::[0-9a-f:]+)/");
                if (ll == null) {
                    Wait.sleep(20);
                }
            }
            if (ll == null) {
                throw new IllegalStateException(ns.name() + ": eth0 got no link-local address");
            }
            return new Host(ns, number, v4, v6, mac, ll);
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /**
     * A second segment between the same hosts: another bridge and an {@code eth1} in every host,
     * addressed from 10.251.N.0/24 (host i has .i). For sync groups and tracked interfaces.
     */
    void addEth1() {
        if (bridge1 != null) {
            return;
        }
        bridge1 = NetNs.uniqueRootName("kb");
        Cmd.run("ip", "link", "add", bridge1, "type", "bridge", "ageing_time", "0", "mcast_snooping", "0").check();
        Cmd.run("ip", "link", "set", bridge1, "up").check();
        for (Host h : hosts) {
            String outside = h.ns().vethToRoot("eth1");
            Cmd.run("ip", "link", "set", outside, "master", bridge1).check();
            h.ns().ip("addr", "add", prefix4eth1() + h.number() + "/24", "dev", "eth1");
        }
    }

    /** The IPv4 prefix of {@link #addEth1()}'s segment, "10.251.N.". */
    String prefix4eth1() {
        return "10.251." + index + ".";
    }

    String prefix4() {
        return "10.250." + index + ".";
    }

    String prefix6() {
        return "fd00:250:0:" + index + "::";
    }

    /** Host {@code number} (1-based). */
    Host host(int number) {
        return hosts.get(number - 1);
    }

    List<Host> hosts() {
        return List.copyOf(hosts);
    }

    String bridge() {
        return bridge;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Leftovers.closed(this);
        for (Host h : hosts) {
            h.ns().close();
        }
        Cmd.run("ip", "link", "del", bridge);
        if (bridge1 != null) {
            Cmd.run("ip", "link", "del", bridge1);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && Cmd.run("ip", "link", "show", bridge).ok()) {
            Wait.sleep(50);
        }
    }

    /** A host on the segment: its namespace, addresses and MAC. */
    record Host(NetNs ns, int number, String ipv4, String ipv6, String mac, String linkLocal) {
        String name() {
            return ns.name();
        }

        /** Whether {@code eth0} carries {@code address} (v4 or v6, without prefix length). */
        boolean holds(String address) {
            return holds("eth0", address);
        }

        /** Whether {@code dev} carries {@code address} (v4 or v6, without prefix length). */
        boolean holds(String dev, String address) {
            Cmd.Result r = Cmd.run(null, 10, List.of("ip", "-n", ns.name(), "-o", "addr", "show", "dev", dev));
            String needle = (address.contains(":") ? "inet6 " : "inet ") + address + "/";
            return r.stdout().contains(needle);
        }

        String addresses() {
            return Cmd.run(null, 10, List.of("ip", "-n", ns.name(), "-br", "addr", "show", "dev", "eth0")).stdout().strip();
        }
    }
}
