package keepalived.vrrp.state;

import keepalived.loop.NanoClock;
import keepalived.loop.TimerQueue;
import keepalived.vrrp.packet.AdvertPacket;
import keepalived.vrrp.packet.AdvertTemplate;
import keepalived.vrrp.packet.AdvertView;

/**
 * The VRRP state machine of one instance (INIT, BACKUP, MASTER, FAULT) with keepalived's
 * behaviour beyond the RFCs. Deterministic: time comes from the injected clock, timers from
 * the injected queue, and every effect goes through {@link VrrpIo}. Single-threaded (the
 * owning event loop's thread).
 */
public final class VrrpInstance {
    private final InstanceConfig config;
    private final TimerQueue timers;
    private final NanoClock clock;
    private final VrrpIo io;
    private final VrrpStats stats = new VrrpStats();
    private final AdvertTemplate template;
    SyncGroup group;

    public VrrpInstance(InstanceConfig config, TimerQueue timers, NanoClock clock, VrrpIo io) {
        this.config = config;
        this.timers = timers;
        this.clock = clock;
        this.io = io;
        this.template = config.advertTemplate();
    }

    public InstanceConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    /** The advert template (what we send, and what received adverts are checked against). */
    public AdvertTemplate template() {
        return template;
    }

    public VrrpStats stats() {
        return stats;
    }

    /** The sync group this instance belongs to, or null. */
    public SyncGroup syncGroup() {
        return group;
    }

    /**
     * Our primary address on the instance interface (or unicast_src_ip): the source of our
     * adverts and the tie-break on equal priority. Set by the runtime before {@link #start()}.
     */
    public void localAddress(byte[] address) {
        throw new UnsupportedOperationException();
    }

    /** INIT → BACKUP (or FAULT, or MASTER at once for an address owner wishing MASTER). */
    public void start() {
        throw new UnsupportedOperationException();
    }

    /** Shutdown: a MASTER sends a priority-0 advert and removes its VIPs; timers are cancelled. */
    public void stop() {
        throw new UnsupportedOperationException();
    }

    /**
     * Handles a decoded advert (already {@link AdvertPacket#decode decoded} with an OK verdict)
     * for this instance: validates it against the instance, counts, and acts on it.
     *
     * @param multicast the advert arrived on the multicast group (TTL must be 255)
     * @return the instance-level verdict (accepted ones were acted on)
     */
    public AdvertPacket.Verdict onAdvert(AdvertView view, boolean multicast) {
        throw new UnsupportedOperationException();
    }

    /** Counts a verdict from {@link AdvertPacket#decode} for an advert that was addressed to us. */
    public void onMalformed(AdvertPacket.Verdict verdict) {
        stats.count(verdict);
    }

    /** A tracked interface/script/process/BFD changed state. */
    public void onTrackerChange(TrackKind kind, String name, boolean up) {
        throw new UnsupportedOperationException();
    }

    /** A tracked file's value changed (contributes value × weight). */
    public void onTrackFileValue(String name, long value) {
        throw new UnsupportedOperationException();
    }

    /** The instance's own interface went up or down (ignored with dont_track_primary). */
    public void onInterfaceChange(boolean up) {
        throw new UnsupportedOperationException();
    }

    public VrrpState state() {
        throw new UnsupportedOperationException();
    }

    public VrrpState wantState() {
        throw new UnsupportedOperationException();
    }

    /** Base priority plus tracker contributions, clamped to 1..254 (255 stays 255). */
    public int effectivePriority() {
        throw new UnsupportedOperationException();
    }

    /** The master's advertised interval (v3 backups adopt it), microseconds. */
    public long masterAdvertIntervalUs() {
        throw new UnsupportedOperationException();
    }

    /** down_timer_adverts × master interval + skew, microseconds. */
    public long masterDownIntervalUs() {
        throw new UnsupportedOperationException();
    }

    /** Priority of the master last heard (ours while MASTER). */
    public int masterPriority() {
        throw new UnsupportedOperationException();
    }

    /** Monotonic time of the last state change, nanoseconds. */
    public long lastTransitionNs() {
        throw new UnsupportedOperationException();
    }
}
