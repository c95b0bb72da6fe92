package keepalived.vrrp.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import keepalived.config.ConfigLoader;
import keepalived.config.KeepalivedConfig;
import keepalived.loop.ManualNanoClock;
import keepalived.loop.TimerQueue;
import keepalived.vrrp.packet.AdvertPacket;
import keepalived.vrrp.packet.AdvertTemplate;
import keepalived.vrrp.packet.AdvertView;

/**
 * Drives instances over a manual clock and one timer queue (seesaw ha_test style): queue
 * adverts, move time, look at what the instances asked of their {@link VrrpIo}. Events are
 * strings {@code "<µs since start> <instance> <what>"}.
 */
final class Harness implements VrrpIo {
    /** Off: events are not recorded (the allocation test). */
    boolean recording = true;
    private final java.util.Map<String, byte[]> ips = new java.util.HashMap<>();
    static final long START_NS = 1_000_000_000_000L;
    final ManualNanoClock clock = new ManualNanoClock(START_NS);
    final TimerQueue timers = new TimerQueue();
    final List<String> events = new ArrayList<>();
    private final AdvertView view = new AdvertView();
    private final ByteBuffer buf = ByteBuffer.allocate(4096);
    private final Path dir;
    private int files;

    Harness(Path dir) {
        this.dir = dir;
    }

    /** The single vrrp_instance of a configuration made of {@code text}. */
    KeepalivedConfig load(String text) {
        try {
            Path f = dir.resolve("k" + (files++) + ".conf");
            Files.writeString(f, text);
            return ConfigLoader.load(f.toString(), ConfigLoader.Options.defaults()).config();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    InstanceConfig config(String globals, String body) {
        KeepalivedConfig c = load("global_defs {\n" + globals + "\n}\n" + instanceText("VI_1", 51, body));
        return InstanceConfig.from(c.vrrpInstances().get(0), c.globalDefs());
    }

    static String instanceText(String name, int vrid, String body) {
        return "vrrp_instance " + name + " {\n interface eth0\n virtual_router_id " + vrid + "\n" + body
                + "\n virtual_ipaddress {\n  10.0.0." + vrid + "/24\n }\n}\n";
    }

    VrrpInstance instance(InstanceConfig c, String localIp) {
        VrrpInstance i = new VrrpInstance(c, timers, clock, this);
        i.localAddress(ip(localIp));
        return i;
    }

    long nowUs() {
        return (clock.nanoTime() - START_NS) / 1000;
    }

    /** Moves time forward by {@code us}, firing every timer due on the way at its own deadline. */
    void advanceUs(long us) {
        long target = clock.nanoTime() + us * 1000;
        while (!timers.isEmpty() && timers.nextDeadlineNs() - target <= 0) {
            long d = timers.nextDeadlineNs();
            if (d - clock.nanoTime() > 0) {
                clock.set(d);
            }
            timers.poll(clock.nanoTime(), 1000);
        }
        clock.set(target);
    }

    /**
     * A stall: the clock jumps {@code us} ahead and only then are the due timers run, all at the
     * new time (late), as after a machine or process that was held up.
     */
    void stallUs(long us) {
        clock.set(clock.nanoTime() + us * 1000);
        while (!timers.isEmpty() && timers.nextDeadlineNs() - clock.nanoTime() <= 0) {
            timers.poll(clock.nanoTime(), 1000);
        }
    }

    void advanceMs(long ms) {
        advanceUs(ms * 1000);
    }

    /** Delivers an advert from {@code srcIp} with {@code priority}, shaped like {@code to}'s own. */
    AdvertPacket.Verdict advert(VrrpInstance to, String srcIp, int priority) {
        return advert(to, srcIp, priority, to.template().advertIntervalUs());
    }

    AdvertPacket.Verdict advert(VrrpInstance to, String srcIp, int priority, long intervalUs) {
        AdvertTemplate t = to.template();
        AdvertTemplate peer = intervalUs == t.advertIntervalUs() ? t : new AdvertTemplate(t.version(), t.ipv6(),
                t.vrid(), intervalUs, t.addresses(), t.count(), t.authPass(), t.v3ChecksumAsV2());
        return deliver(to, peer, srcIp, priority, 255);
    }

    AdvertPacket.Verdict deliver(VrrpInstance to, AdvertTemplate peer, String srcIp, int priority, int ttl) {
        return deliver(to, peer, srcIp, priority, ttl, true);
    }

    AdvertPacket.Verdict deliver(VrrpInstance to, AdvertTemplate peer, String srcIp, int priority, int ttl,
            boolean multicast) {
        byte[] src = ips.computeIfAbsent(srcIp, Harness::ip);
        byte[] dst = ips.computeIfAbsent(peer.ipv6() ? "ff02::12" : "224.0.0.18", Harness::ip);
        buf.clear();
        AdvertPacket.encode(buf, peer, priority, src, dst);
        buf.flip();
        AdvertPacket.Verdict v = AdvertPacket.decode(buf, src, dst, ttl, peer.v3ChecksumAsV2(), view);
        if (!v.accepted()) {
            to.onMalformed(v);
            return v;
        }
        return to.onAdvert(view, multicast);
    }

    static byte[] ip(String s) {
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> take() {
        List<String> l = new ArrayList<>(events);
        events.clear();
        return l;
    }

    private void event(VrrpInstance i, String what) {
        if (!recording) {
            return;
        }
        events.add(nowUs() + " " + i.name() + " " + what);
    }

    /** On: the "Entering X STATE" points are recorded too, as "entering FROM->TO" (off: older tests' lists). */
    boolean recordEntering;

    @Override
    public void stateChanging(VrrpInstance instance, VrrpState from, VrrpState to) {
        if (recordEntering) {
            event(instance, "entering " + from + "->" + to);
        }
    }

    @Override
    public void sendAdvert(VrrpInstance instance, int priority) {
        if (recording) {
            event(instance, "advert " + priority);
        }
    }

    @Override
    public void setVips(VrrpInstance instance, boolean installed) {
        event(instance, installed ? "vips on" : "vips off");
    }

    @Override
    public void sendGratuitous(VrrpInstance instance) {
        event(instance, "garp");
    }

    @Override
    public void stateChanged(VrrpInstance instance, VrrpState from, VrrpState to, int priority) {
        event(instance, from + "->" + to + " " + priority);
    }

    @Override
    public void masterRxLowerPriority(VrrpInstance instance, int advertPriority) {
        event(instance, "rx lower " + advertPriority);
    }

    @Override
    public void priorityChanged(VrrpInstance instance, int from, int to) {
        event(instance, "priority " + from + "->" + to);
    }

    @Override
    public void groupStateChanged(SyncGroup group, VrrpState from, VrrpState to) {
        events.add(nowUs() + " group " + group.name() + " " + from + "->" + to);
    }
}
