package keepalived.vrrp.state;

import java.util.List;
import keepalived.loop.NanoClock;
import keepalived.loop.Timer;
import keepalived.loop.TimerQueue;
import keepalived.vrrp.packet.AdvertPacket;
import keepalived.vrrp.packet.AhHeader;
import keepalived.vrrp.packet.AdvertPacket.Verdict;
import keepalived.vrrp.packet.AdvertTemplate;
import keepalived.vrrp.packet.AdvertView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VRRP state machine of one instance (INIT, BACKUP, MASTER, FAULT) with keepalived's
 * behaviour beyond the RFCs (notes §3). Deterministic: time comes from the injected clock,
 * timers from the injected queue, and every effect goes through {@link VrrpIo}, so tests queue
 * adverts, move a manual clock and look at what was sent. Single-threaded (the owning event
 * loop's thread); the advert path allocates nothing.
 *
 * <p>Timers: a MASTER sends every configured interval; a BACKUP's master-down timer is
 * {@code down_timer_adverts × master interval + skew}, skew being
 * {@code (256 − priority) / 256} s (v2) or {@code (256 − priority) × interval / 256} (v3).
 */
public final class VrrpInstance {
    private static final Logger LOG = LoggerFactory.getLogger("keepalived.vrrp");
    private static final long NS_PER_US = 1_000L;

    private InstanceConfig config;
    private final NanoClock clock;
    private final VrrpIo io;
    private final VrrpStats stats = new VrrpStats();
    private AdvertTemplate template;
    /** auth_type AH: ICV and the sequence counter shared by sent and received adverts; null otherwise. */
    private AhHeader ah;
    SyncGroup group;

    private final Timer advertTimer;
    private final Timer downTimer;
    private final Timer garpTimer;
    private final Timer garpRefreshTimer;
    private final Timer lowerPrioGarpTimer;

    private InstanceConfig.Track[] trackers;
    private boolean[] trackerUp;
    /** Not reported yet (a vrrp_script before its first run): neither fault nor weight counts. */
    private boolean[] trackerPending;
    private long[] fileValue;
    private boolean interfaceUp = true;
    /** The configuration cannot run (unicast_fault_no_peer without peers). */
    private boolean configFault;
    /** timer_expired_backup: highest priority of the other routers, 0 when off. */
    private int timerExpiredOtherPriority;
    private long lastAdvertSentNs;

    private VrrpState state = VrrpState.INIT;
    private VrrpState wantState = VrrpState.BACKUP;
    private boolean started;
    private boolean ownFault;
    /**
     * Started but held in a silent FAULT (no log line, notify or FIFO), as keepalived 2.2.7 does
     * (observed) while an unweighted tracked script of the instance or of a sync-group member
     * has not reported yet.
     */
    private boolean initHeld;
    private int effectivePriority;
    private long masterAdvertIntervalUs;
    /** One grace interval was given after a late master-down expiry (reset by the next advert). */
    private boolean downGraceTaken;
    private int masterPriority;
    private final byte[] masterAddress = new byte[16];
    /** Our primary address, exactly 4 or 16 bytes; null until the runtime sets it. */
    private byte[] localAddress;
    /** 0 when no preempt delay is running, else its deadline (nanoseconds). */
    private long preemptDeadlineNs;
    private boolean preemptRunning;
    private long lastTransitionNs;
    /** Unicast peers' addresses and TTL limits (min 0 / max 255 when not configured). */
    private byte[][] peers;
    private int[] peerMinTtl;
    private int[] peerMaxTtl;

    public VrrpInstance(InstanceConfig config, TimerQueue timers, NanoClock clock, VrrpIo io) {
        this.config = config;
        this.clock = clock;
        this.io = io;
        this.template = config.advertTemplate();
        this.ah = config.ah() ? new AhHeader(config.authPass()) : null;
        this.advertTimer = timers.newTimer((t, now) -> onAdvertTimer(now));
        this.downTimer = timers.newTimer((t, now) -> onMasterDown(now, now - t.deadlineNs()));
        this.garpTimer = timers.newTimer((t, now) -> gratuitous(this.config.garpMasterRepeat()));
        this.garpRefreshTimer = timers.newTimer((t, now) -> gratuitous(this.config.garpMasterRefreshRepeat()));
        this.lowerPrioGarpTimer = timers.newTimer((t, now) -> gratuitous(this.config.garpLowerPrioRepeat()));
        List<InstanceConfig.Track> l = config.trackers();
        this.trackers = l.toArray(new InstanceConfig.Track[0]);
        this.trackerUp = new boolean[trackers.length];
        java.util.Arrays.fill(trackerUp, true);
        this.trackerPending = new boolean[trackers.length];
        this.fileValue = new long[trackers.length];
        this.effectivePriority = computePriority();
        this.masterAdvertIntervalUs = config.advertIntUs();
        this.ownFault = computeFault();
        this.lastTransitionNs = clock.nanoTime();
        setPeers(config);
    }

    private void setPeers(InstanceConfig c) {
        List<keepalived.config.vrrp.UnicastPeer> up = c.unicastPeers();
        peers = new byte[up.size()][];
        peerMinTtl = new int[up.size()];
        peerMaxTtl = new int[up.size()];
        for (int i = 0; i < peers.length; i++) {
            peers[i] = up.get(i).address().getAddress();
            peerMinTtl[i] = up.get(i).minTtl() == null ? 0 : up.get(i).minTtl();
            peerMaxTtl[i] = up.get(i).maxTtl() == null ? 255 : up.get(i).maxTtl();
        }
    }

    /**
     * Reload: the same instance (its identity, interface, VRID and family, unchanged) takes a new
     * configuration without leaving its state. The state, the running timers, the stats, the
     * master last heard and the status of trackers kept (matched by kind and name) carry over; a
     * MASTER's next adverts use the new interval and template. The instance leaves its sync group
     * (the runtime rebuilds the groups) and priority and fault are not recomputed here: call
     * {@link #reevaluate()} once the groups are back, so that a change acts as at run time.
     */
    public void reconfigure(InstanceConfig next) {
        InstanceConfig.Track[] oldTrackers = trackers;
        boolean[] oldUp = trackerUp;
        long[] oldValue = fileValue;
        InstanceConfig.Track[] nt = next.trackers().toArray(new InstanceConfig.Track[0]);
        boolean[] oldPending = trackerPending;
        boolean[] nu = new boolean[nt.length];
        boolean[] np = new boolean[nt.length];
        long[] nv = new long[nt.length];
        java.util.Arrays.fill(nu, true);
        for (int i = 0; i < nt.length; i++) {
            for (int j = 0; j < oldTrackers.length; j++) {
                if (oldTrackers[j].kind() == nt[i].kind() && oldTrackers[j].name().equals(nt[i].name())) {
                    nu[i] = oldUp[j];
                    np[i] = oldPending[j];
                    nv[i] = oldValue[j];
                    break;
                }
            }
        }
        InstanceConfig before = config;
        config = next;
        template = next.advertTemplate();
        AhHeader previousAh = ah;
        ah = next.ah() ? new AhHeader(next.authPass()) : null;
        if (ah != null && previousAh != null) {
            ah.continueFrom(previousAh); // a backup keeps refusing replays, a master keeps counting up
        }
        trackers = nt;
        trackerUp = nu;
        trackerPending = np;
        fileValue = nv;
        setPeers(next);
        group = null;
        if (state == VrrpState.MASTER) {
            masterAdvertIntervalUs = next.advertIntUs();
            long period = next.advertIntUs() * NS_PER_US;
            if (next.advertIntUs() != before.advertIntUs() && advertTimer.isScheduled()) {
                // the advert already due keeps its time; the new interval runs from there
                advertTimer.schedulePeriodic(advertTimer.deadlineNs(), period);
            }
            if (next.garpMasterRefreshUs() != before.garpMasterRefreshUs()) {
                garpRefreshTimer.cancel();
                if (next.garpMasterRefreshUs() > 0) {
                    long r = next.garpMasterRefreshUs() * NS_PER_US;
                    garpRefreshTimer.schedulePeriodic(clock.nanoTime() + r, r);
                }
            }
        } else if (next.version() == 2 || state != VrrpState.BACKUP) {
            masterAdvertIntervalUs = next.advertIntUs();
        }
    }

    /**
     * After {@link #reconfigure}: the priority and fault status from the new configuration and
     * the trackers' current status; a change is logged and acted on as a tracker change would be.
     */
    public void reevaluate() {
        trackersChanged();
    }

    /** Whether the instance is started (between {@link #start()} and {@link #stop()}). */
    public boolean started() {
        return started;
    }

    public InstanceConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    /** The instance's AH state ({@code auth_type AH}), null without AH. */
    public AhHeader ah() {
        return ah;
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
        this.localAddress = address.clone();
    }

    /**
     * INIT → FAULT when the interface or an unweighted tracker is down; a silent FAULT while an
     * unweighted script (its own or a sync-group member's) has not reported yet, left when it
     * does (see {@link #awaitTracker}); else an address owner becomes MASTER at once,
     * {@code state MASTER} waits one interval plus a minimal skew and {@code state BACKUP} the
     * full master-down interval. Stale VIPs are removed first.
     */
    public void start() {
        if (started) {
            return;
        }
        started = true;
        long now = clock.nanoTime();
        wantState = config.wantMaster() || config.owner() ? VrrpState.MASTER : VrrpState.BACKUP;
        if (ownFault || groupFaulted()) {
            io.stateChanging(this, state, VrrpState.FAULT);
            io.setVips(this, false);
            groupStarting(VrrpState.FAULT);
            transition(VrrpState.FAULT, now);
            syncFault();
            return;
        }
        if (awaiting() || groupAwaiting()) {
            io.setVips(this, false);
            initHeld = true;
            state = VrrpState.FAULT; // what the dumps show; nothing reported, no group change
            lastTransitionNs = now;
            return;
        }
        elect(now, true);
    }

    /** INIT (or a held FAULT) → BACKUP, or MASTER at once for an address owner the group lets be one. */
    private void elect(long now, boolean removeVips) {
        boolean ownerNow = config.owner() && groupAllowsMaster();
        if (!ownerNow) {
            io.stateChanging(this, state, VrrpState.BACKUP); // keepalived: "Entering BACKUP STATE (init)" first
        }
        if (removeVips) {
            io.setVips(this, false);
        }
        if (ownerNow) {
            becomeMaster(now);
            syncMaster();
            return;
        }
        groupStarting(VrrpState.BACKUP);
        transition(VrrpState.BACKUP, now);
        masterAdvertIntervalUs = config.advertIntUs();
        long waitUs = config.wantMaster() ? config.advertIntUs() + skewMinUs() : masterDownIntervalUs();
        downTimer.scheduleAt(now + waitUs * NS_PER_US);
    }

    /** Shutdown, removing the VIPs: see {@link #stop(boolean)}. */
    public void stop() {
        stop(true);
    }

    /**
     * Shutdown: a MASTER sends a priority-0 advert (backups take over after their skew time)
     * and, unless {@code removeVips} is false (keepalived -V), removes its VIPs. Timers are
     * cancelled; no state change is reported (the runtime reports STOP).
     */
    public void stop(boolean removeVips) {
        if (!started) {
            return;
        }
        started = false;
        if (state == VrrpState.MASTER) {
            sendAdvert(0);
            if (removeVips) {
                io.setVips(this, false);
            }
        }
        cancelTimers();
    }

    /**
     * Handles an advert for this instance that {@link AdvertPacket#decode} found well formed:
     * checks it against the instance (counting failures in {@link #stats()}) and acts on it.
     *
     * @param multicast the advert arrived on the multicast group (TTL must be 255)
     * @return the instance-level verdict (accepted ones were acted on)
     */
    public Verdict onAdvert(AdvertView view, boolean multicast) {
        Verdict v = AdvertPacket.validate(view, template, ah, config.unicast(), multicast, !config.skipCheckAdvAddr());
        if (v == Verdict.AH_BAD_ICV || v == Verdict.AH_BAD_SPI || v == Verdict.AH_REPLAY) {
            logAhFailure(v, view);
        }
        if (v.accepted() && !multicast) {
            Verdict peer = checkPeer(view);
            if (peer != Verdict.OK) {
                v = peer;
            }
        }
        stats.count(v);
        if (!v.accepted()) {
            return v;
        }
        stats.advertRcvd++; // keepalived counts only adverts that pass its checks (seen on 2.2.7)
        if (view.priority() == 0) {
            stats.priZeroRcvd++;
        }
        if (!started || config.owner() && config.ownerIgnoreAdverts()) {
            return v;
        }
        long now = clock.nanoTime();
        switch (state) {
            case BACKUP -> backupReceived(view, now);
            case MASTER -> masterReceived(view, now);
            default -> {
                // INIT and FAULT ignore adverts
            }
        }
        return v;
    }

    /** keepalived 2.2.7's log lines for a rejected AH advert. */
    private void logAhFailure(Verdict v, AdvertView view) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        switch (v) {
            case AH_BAD_ICV -> LOG.info("({}) IPSEC-AH : invalid IPSEC HMAC-MD5 value. Due to fields mutation"
                    + " or bad password !", config.name());
            case AH_BAD_SPI -> LOG.info(AhHeader.spiMismatch(view));
            default -> LOG.info("({}) IPSEC-AH : sequence number {} already processed. Packet dropped. Local({})",
                    config.name(), view.ahSequence(), ah.sequence());
        }
    }

    /**
     * Unicast: with check_unicast_src the source must be a peer; a peer's min_ttl/max_ttl bound
     * the TTL (counted as TTL errors).
     */
    private Verdict checkPeer(AdvertView view) {
        for (int i = 0; i < peers.length; i++) {
            if (view.sourceEquals(peers[i])) {
                if (view.ttl() < peerMinTtl[i] || view.ttl() > peerMaxTtl[i]) {
                    return Verdict.BAD_TTL;
                }
                return Verdict.OK;
            }
        }
        if (config.checkUnicastSrc() && peers.length > 0) {
            if (LOG.isInfoEnabled()) {
                LOG.info("({}) unicast source address {} not a unicast peer", config.name(),
                        view.sourceAddress().getHostAddress());
            }
            return Verdict.NOT_A_PEER;
        }
        return Verdict.OK;
    }

    /** Counts a verdict from {@link AdvertPacket#decode} for an advert that was addressed to us. */
    public void onMalformed(Verdict verdict) {
        stats.count(verdict);
    }

    /** A tracked interface/script/process/BFD changed state (unknown names are ignored). */
    public void onTrackerChange(TrackKind kind, String name, boolean up) {
        boolean changed = false;
        for (int i = 0; i < trackers.length; i++) {
            if (trackers[i].kind() == kind && trackers[i].name().equals(name)
                    && (trackerUp[i] != up || trackerPending[i])) {
                trackerUp[i] = up;
                trackerPending[i] = false;
                changed = true;
            }
        }
        if (changed) {
            trackersChanged();
        }
    }

    /**
     * Before {@link #start()}: the tracker has not reported yet (keepalived 2.2.7's state of a
     * vrrp_script before its first run, observed). A weighted one adds nothing to the priority
     * until it reports; an unweighted one holds the instance (and its sync group) in a silent
     * FAULT, left by its first {@link #onTrackerChange}: a failure is then announced as FAULT
     * (notify, no "Entering" line), a success as "Entering BACKUP STATE" without "(init)".
     */
    public void awaitTracker(TrackKind kind, String name) {
        for (int i = 0; i < trackers.length; i++) {
            if (trackers[i].kind() == kind && trackers[i].name().equals(name)) {
                trackerPending[i] = true;
            }
        }
        effectivePriority = computePriority();
        ownFault = computeFault();
    }

    /** A tracked file's value changed: it contributes value × weight; weight 0 and a non-zero value is FAULT. */
    public void onTrackFileValue(String name, long value) {
        boolean changed = false;
        for (int i = 0; i < trackers.length; i++) {
            if (trackers[i].kind() == TrackKind.FILE && trackers[i].name().equals(name) && fileValue[i] != value) {
                fileValue[i] = value;
                changed = true;
            }
        }
        if (changed) {
            trackersChanged();
        }
    }

    /**
     * A configuration that cannot run ({@code unicast_fault_no_peer} with no peers): FAULT until a
     * reload clears it. Before {@link #start()}, or acted on by the next {@link #reevaluate()}.
     */
    public void configFault(boolean fault) {
        configFault = fault;
        if (!started) {
            ownFault = computeFault();
        }
    }

    /**
     * timer_expired_backup [PRIO] (with nopreempt): a MASTER whose advert timer fires so late that
     * a router of priority {@code highestOtherPriority} (254 when 0 is given) may have taken over
     * (down_timer_adverts x interval + that router's skew since our last advert) goes BACKUP
     * rather than resuming as MASTER. {@code null}: off.
     */
    public void timerExpiredBackup(Integer highestOtherPriority) {
        timerExpiredOtherPriority = highestOtherPriority == null ? 0
                : highestOtherPriority == 0 ? 254 : highestOtherPriority;
    }

    /**
     * vrrp_startup_delay: a BACKUP whose master-down timer would expire before
     * {@code deadlineNs} waits until then.
     */
    public void holdBackupUntil(long deadlineNs) {
        if (state == VrrpState.BACKUP && downTimer.isScheduled() && downTimer.deadlineNs() - deadlineNs < 0) {
            downTimer.scheduleAt(deadlineNs);
        }
    }

    /** The instance's own interface went up or down (ignored with dont_track_primary). */
    public void onInterfaceChange(boolean up) {
        if (interfaceUp != up) {
            interfaceUp = up;
            trackersChanged();
        }
    }

    /**
     * A VIP, virtual route or virtual rule of this MASTER (not {@code no_track}) was removed by
     * someone else. As keepalived 2.2.7 does (observed): "Entering BACKUP STATE", a priority-0
     * advert, every VIP/route/rule removed, and the election runs again from BACKUP (alone or
     * the highest priority, the instance is MASTER again after the master-down interval, which
     * puts everything back).
     */
    public void onInstalledEntryLost() {
        if (!started || state != VrrpState.MASTER) {
            return;
        }
        long now = clock.nanoTime();
        io.stateChanging(this, state, VrrpState.BACKUP);
        stopMasterTimers();
        sendAdvert(0);
        io.setVips(this, false);
        stats.releaseMaster++;
        wantState = VrrpState.BACKUP;
        transition(VrrpState.BACKUP, now);
        downTimer.scheduleAt(now + masterDownIntervalUs() * NS_PER_US);
        syncBackup(now);
    }

    public VrrpState state() {
        return state;
    }

    /** The state the instance is heading for (MASTER while a sync group waits for its members). */
    public VrrpState wantState() {
        return wantState;
    }

    /** Base priority plus tracker contributions, clamped to 1..254 (255 stays 255). */
    public int effectivePriority() {
        return effectivePriority;
    }

    public int basePriority() {
        return config.basePriority();
    }

    /** The master's advertised interval (v3 backups adopt it), microseconds. */
    public long masterAdvertIntervalUs() {
        return masterAdvertIntervalUs;
    }

    /** down_timer_adverts × master interval + skew, microseconds. */
    public long masterDownIntervalUs() {
        return config.downTimerAdverts() * masterAdvertIntervalUs + skewUs();
    }

    /** Skew time in microseconds for the current effective priority. */
    public long skewUs() {
        int prio = config.owner() ? 255 : effectivePriority;
        if (config.version() == 2) {
            return (256 - prio) * 1_000_000L / 256;
        }
        return (256 - prio) * masterAdvertIntervalUs / 256;
    }

    /** Priority of the master last heard (ours while MASTER). */
    public int masterPriority() {
        return state == VrrpState.MASTER ? effectivePriority : masterPriority;
    }

    /** Whether the instance is in FAULT because of its own interface or trackers (not its group). */
    public boolean faulted() {
        return ownFault;
    }

    /** Monotonic time of the last state change, nanoseconds. */
    public long lastTransitionNs() {
        return lastTransitionNs;
    }

    /** Whether a preempt delay is running (a lower-priority master is tolerated until it ends). */
    public boolean preemptDelayRunning() {
        return preemptRunning;
    }

    // ---------------------------------------------------------------- receive

    private void backupReceived(AdvertView view, long now) {
        int prio = view.priority();
        if (prio == 0) {
            // the master is leaving: take over after the skew time only
            downTimer.scheduleAt(now + skewUs() * NS_PER_US);
            return;
        }
        boolean preemptDelayed = false;
        if (config.preemptDelayUs() > 0 && !config.nopreempt()) {
            if (prio >= effectivePriority) {
                preemptRunning = false;
            } else if (!preemptRunning) {
                preemptRunning = true;
                preemptDeadlineNs = now + config.preemptDelayUs() * NS_PER_US;
                LOG.info("({}) start preempt delay ({} secs)", config.name(), config.preemptDelayUs() / 1e6);
            }
            preemptDelayed = preemptRunning && preemptDeadlineNs - now > 0;
        }
        if (config.nopreempt() || prio >= effectivePriority || preemptDelayed) {
            masterPriority = prio;
            view.copySource(masterAddress);
            if (config.version() == 3) {
                masterAdvertIntervalUs = view.advertIntervalUs();
            }
            wantState = VrrpState.BACKUP;
            downTimer.scheduleAt(now + masterDownIntervalUs() * NS_PER_US);
            downGraceTaken = false;
        } else if (LOG.isInfoEnabled()) {
            LOG.info("({}) received lower priority ({}) advert from {} - discarding", config.name(), prio,
                    view.sourceAddress().getHostAddress());
        }
    }

    private void masterReceived(AdvertView view, long now) {
        int prio = view.priority();
        if (prio == 0) {
            sendAdvert(effectivePriority);
            advertTimer.schedulePeriodic(now + config.advertIntUs() * NS_PER_US, config.advertIntUs() * NS_PER_US);
            return;
        }
        int cmp = localAddress == null ? 1 : view.compareSource(localAddress);
        if (prio == effectivePriority && cmp == 0) {
            LOG.warn("({}) WARNING - equal priority advert received from remote host with our IP address.",
                    config.name());
            return;
        }
        if (prio < effectivePriority || prio == effectivePriority && cmp < 0) {
            if (LOG.isInfoEnabled()) {
                LOG.info("({}) Received advert from {} with lower priority {}, ours {}{}", config.name(),
                        view.sourceAddress().getHostAddress(), prio, effectivePriority,
                        config.lowerPrioNoAdvert() ? "" : ", forcing new election");
            }
            if (!config.lowerPrioNoAdvert()) {
                sendAdvert(effectivePriority);
            }
            lowerPriorityGarps(now);
            if (group != null) {
                for (VrrpInstance m : group.members()) {
                    if (m != this && m.state == VrrpState.MASTER) {
                        m.lowerPriorityGarps(now);
                    }
                }
            }
            io.masterRxLowerPriority(this, prio);
            return;
        }
        // higher priority, or equal priority from a higher address
        if (config.higherPrioSendAdvert()) {
            sendAdvert(effectivePriority);
        }
        if (LOG.isInfoEnabled()) {
            LOG.info("({}) Master received advert from {} with higher priority {}, ours {}", config.name(),
                    view.sourceAddress().getHostAddress(), prio, effectivePriority);
        }
        masterPriority = prio;
        view.copySource(masterAddress);
        if (config.version() == 3) {
            masterAdvertIntervalUs = view.advertIntervalUs();
        }
        leaveMasterToBackup(now);
        syncBackup(now);
    }

    private void lowerPriorityGarps(long now) {
        int rep = config.garpLowerPrioRepeat();
        if (rep <= 0) {
            return;
        }
        gratuitous(rep);
        if (config.garpLowerPrioDelayUs() > 0) {
            lowerPrioGarpTimer.scheduleAt(now + config.garpLowerPrioDelayUs() * NS_PER_US);
        }
    }

    // ---------------------------------------------------------------- timers

    private void onAdvertTimer(long now) {
        if (state != VrrpState.MASTER) {
            return;
        }
        if (timerExpiredOtherPriority > 0 && config.nopreempt() && lastAdvertSentNs != 0) {
            int p = timerExpiredOtherPriority;
            long otherSkewUs = config.version() == 2 ? (256 - p) * 1_000_000L / 256 : (256 - p) * config.advertIntUs() / 256;
            long otherDownNs = (config.downTimerAdverts() * config.advertIntUs() + otherSkewUs) * NS_PER_US;
            long silentNs = now - lastAdvertSentNs;
            if (silentNs >= otherDownNs) {
                LOG.info("({}) advert timer expired {} ms late - another router may have taken over, entering BACKUP",
                        config.name(), silentNs / 1_000_000);
                leaveMasterToBackup(now);
                syncBackup(now);
                return;
            }
        }
        sendAdvert(effectivePriority);
    }

    /**
     * The master-down timer expired. If it fired at least one of the master's advert intervals
     * late, this process was not running for that long (a stall of the machine or the process):
     * the master's adverts of that time may be in the receive queue or about to leave a master
     * that was held up too. So listen one interval more before taking over, once per silence; a
     * master that is really gone costs one interval more, only after such a stall.
     */
    private void onMasterDown(long now, long latenessNs) {
        if (state != VrrpState.BACKUP) {
            return;
        }
        long intervalNs = masterAdvertIntervalUs * NS_PER_US;
        if (!downGraceTaken && latenessNs >= intervalNs) {
            downGraceTaken = true;
            LOG.debug("({}) master-down timer {} us late - listening one more advert interval", config.name(),
                    latenessNs / 1000);
            downTimer.scheduleAt(now + intervalNs);
            return;
        }
        downGraceTaken = false;
        wantState = VrrpState.MASTER;
        LOG.debug("({}) Receive advertisement timeout", config.name());
        if (!groupAllowsMaster()) {
            // wait for the other members to want MASTER too
            downTimer.scheduleAt(now + masterDownIntervalUs() * NS_PER_US);
            return;
        }
        becomeMaster(now);
        syncMaster();
    }

    // ---------------------------------------------------------------- transitions

    private void becomeMaster(long now) {
        downTimer.cancel();
        preemptRunning = false;
        wantState = VrrpState.MASTER;
        masterAdvertIntervalUs = config.advertIntUs();
        VrrpState from = state;
        io.stateChanging(this, from, VrrpState.MASTER);
        state = VrrpState.MASTER;
        lastTransitionNs = now;
        stats.becomeMaster++;
        sendAdvert(effectivePriority);
        long period = config.advertIntUs() * NS_PER_US;
        advertTimer.schedulePeriodic(now + period, period);
        io.setVips(this, true);
        if (config.minGarp()) {
            gratuitous(1);
        } else {
            gratuitous(config.garpMasterRepeat());
            if (config.garpMasterDelayUs() > 0) {
                garpTimer.scheduleAt(now + config.garpMasterDelayUs() * NS_PER_US);
            }
        }
        if (config.garpMasterRefreshUs() > 0) {
            long r = config.garpMasterRefreshUs() * NS_PER_US;
            garpRefreshTimer.schedulePeriodic(now + r, r);
        }
        io.stateChanged(this, from, VrrpState.MASTER, effectivePriority);
        groupChanged();
    }

    /** MASTER → BACKUP (a higher priority master, or the sync group going BACKUP). */
    private void leaveMasterToBackup(long now) {
        io.stateChanging(this, state, VrrpState.BACKUP);
        stopMasterTimers();
        io.setVips(this, false);
        stats.releaseMaster++;
        wantState = VrrpState.BACKUP;
        transition(VrrpState.BACKUP, now);
        downTimer.scheduleAt(now + masterDownIntervalUs() * NS_PER_US);
    }

    private void enterFault(long now) {
        if (state == VrrpState.FAULT) {
            return;
        }
        io.stateChanging(this, state, VrrpState.FAULT);
        if (state == VrrpState.MASTER) {
            sendAdvert(0);
            stopMasterTimers();
            io.setVips(this, false);
            stats.releaseMaster++;
        }
        downTimer.cancel();
        preemptRunning = false;
        transition(VrrpState.FAULT, now);
    }

    private void leaveFault(long now) {
        if (state != VrrpState.FAULT) {
            return;
        }
        masterAdvertIntervalUs = config.advertIntUs();
        if (config.owner()) {
            if (groupAllowsMaster()) {
                becomeMaster(now);
                return;
            }
        }
        wantState = config.owner() ? VrrpState.MASTER : VrrpState.BACKUP;
        io.stateChanging(this, state, VrrpState.BACKUP);
        transition(VrrpState.BACKUP, now);
        downTimer.scheduleAt(now + masterDownIntervalUs() * NS_PER_US);
    }

    private void transition(VrrpState to, long now) {
        initHeld = false;
        VrrpState from = state;
        state = to;
        lastTransitionNs = now;
        io.stateChanged(this, from, to, effectivePriority);
        groupChanged();
    }

    private void stopMasterTimers() {
        advertTimer.cancel();
        garpTimer.cancel();
        garpRefreshTimer.cancel();
        lowerPrioGarpTimer.cancel();
    }

    private void cancelTimers() {
        stopMasterTimers();
        downTimer.cancel();
    }

    private void sendAdvert(int priority) {
        lastAdvertSentNs = clock.nanoTime();
        io.sendAdvert(this, priority);
        stats.advertSent++;
        if (priority == 0) {
            stats.priZeroSent++;
        }
    }

    private void gratuitous(int repeat) {
        if (state != VrrpState.MASTER) {
            return;
        }
        for (int i = 0; i < repeat; i++) {
            io.sendGratuitous(this);
        }
    }

    private long skewMinUs() {
        return config.version() == 2 ? 1_000_000L / 256 : config.advertIntUs() / 256;
    }

    // ---------------------------------------------------------------- trackers

    private void trackersChanged() {
        int old = effectivePriority;
        effectivePriority = computePriority();
        long now = clock.nanoTime();
        if (old != effectivePriority) {
            LOG.info("({}) Changing effective priority from {} to {}", config.name(), old, effectivePriority);
            io.priorityChanged(this, old, effectivePriority);
            if (state == VrrpState.BACKUP && downTimer.isScheduled()) {
                // rescale the running down timer to the new skew
                long delta = (long) (old - effectivePriority) * (config.version() == 2 ? 1_000_000L
                        : masterAdvertIntervalUs) / 256;
                downTimer.scheduleAt(downTimer.deadlineNs() + delta * NS_PER_US);
            }
        }
        boolean fault = computeFault();
        if (initHeld) {
            ownFault = fault;
            releaseHeld(now);
            return;
        }
        if (fault == ownFault) {
            return;
        }
        ownFault = fault;
        if (!started) {
            return;
        }
        if (fault) {
            enterFault(now);
            syncFault();
        } else if (!groupFaulted()) {
            leaveFault(now);
            if (group != null) {
                logSyncing(m -> m.state == VrrpState.FAULT, state);
                for (VrrpInstance m : group.members()) {
                    if (m != this && m.started) {
                        m.leaveFault(now);
                    }
                }
            }
        }
    }

    /**
     * Leaves the held start-up FAULT once nothing is awaited any more: a fault of its own is
     * announced (the group follows), a group member's fault keeps it silent (2.2.7: such a member
     * is never notified FAULT), else it elects and releases the members that waited for it.
     */
    private void releaseHeld(long now) {
        if (!initHeld || awaiting()) {
            return;
        }
        if (ownFault) {
            initHeld = false;
            transition(VrrpState.FAULT, now); // no "Entering FAULT STATE" line in 2.2.7
            syncFault();
            return;
        }
        if (groupFaulted() || groupAwaiting()) {
            return;
        }
        initHeld = false;
        elect(now, false); // from FAULT: "Entering BACKUP STATE" without "(init)"
        if (group != null) {
            for (VrrpInstance m : group.members()) {
                if (m != this && m.started) {
                    m.releaseHeld(now);
                }
            }
        }
    }

    /** An unweighted tracker has not reported yet. */
    private boolean awaiting() {
        for (int i = 0; i < trackers.length; i++) {
            if (trackerPending[i] && weight(trackers[i]) == 0) {
                return true;
            }
        }
        return false;
    }

    private boolean groupAwaiting() {
        if (group != null) {
            for (VrrpInstance m : group.members()) {
                if (m != this && m.awaiting()) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean computeFault() {
        if (configFault) {
            return true;
        }
        if (!interfaceUp && !config.dontTrackPrimary()) {
            return true;
        }
        for (int i = 0; i < trackers.length; i++) {
            InstanceConfig.Track t = trackers[i];
            if (trackerPending[i]) {
                continue;
            }
            int w = weight(t);
            if (t.kind() == TrackKind.FILE) {
                long v = fileValue[i];
                if (w == 0 ? v != 0 : (t.reverse() ? -v : v) * w <= -254) {
                    return true;
                }
            } else if (w == 0 && trackerUp[i] == t.reverse()) {
                return true;
            }
        }
        return false;
    }

    private int computePriority() {
        int base = config.basePriority();
        if (base == 255) {
            return 255;
        }
        long sum = base;
        for (int i = 0; i < trackers.length; i++) {
            InstanceConfig.Track t = trackers[i];
            int w = weight(t);
            if (w == 0 || trackerPending[i]) {
                continue;
            }
            if (t.kind() == TrackKind.FILE) {
                sum += (t.reverse() ? -fileValue[i] : fileValue[i]) * w;
            } else {
                boolean up = trackerUp[i] != t.reverse();
                if (w > 0 && up || w < 0 && !up) {
                    sum += w;
                }
            }
        }
        return (int) Math.max(1, Math.min(254, sum));
    }

    private static int weight(InstanceConfig.Track t) {
        return t.weight() == null ? 0 : t.weight();
    }

    // ---------------------------------------------------------------- sync group

    private boolean groupAllowsMaster() {
        if (group == null) {
            return true;
        }
        for (VrrpInstance m : group.members()) {
            if (m != this && m.wantState != VrrpState.MASTER && m.state != VrrpState.MASTER) {
                return false;
            }
            if (m != this && m.state == VrrpState.FAULT) {
                return false;
            }
        }
        return true;
    }

    private boolean groupFaulted() {
        if (group == null) {
            return false;
        }
        for (VrrpInstance m : group.members()) {
            if (m.started && m.ownFault) {
                return true;
            }
        }
        return false;
    }

    private void syncMaster() {
        if (group == null) {
            return;
        }
        long now = clock.nanoTime();
        logSyncing(m -> m.state == VrrpState.BACKUP, VrrpState.MASTER);
        for (VrrpInstance m : group.members()) {
            if (m != this && m.started && m.state == VrrpState.BACKUP) {
                m.becomeMaster(now);
            }
        }
    }

    private void syncBackup(long now) {
        if (group == null) {
            return;
        }
        logSyncing(m -> m.state == VrrpState.MASTER, VrrpState.BACKUP);
        for (VrrpInstance m : group.members()) {
            if (m != this && m.started && m.state == VrrpState.MASTER) {
                m.leaveMasterToBackup(now);
            }
        }
    }

    private void syncFault() {
        if (group == null) {
            return;
        }
        long now = clock.nanoTime();
        logSyncing(m -> m.state != VrrpState.FAULT, VrrpState.FAULT);
        for (VrrpInstance m : group.members()) {
            if (m != this && m.started) {
                m.enterFault(now);
            }
        }
    }

    /**
     * The first member to start reports the group's first state, before its own (keepalived's
     * order: {@code GROUP "G" BACKUP 0} comes first on the FIFO).
     */
    private void groupStarting(VrrpState to) {
        if (group != null && group.state == VrrpState.INIT) {
            group.state = to;
            io.groupStateChanged(group, VrrpState.INIT, to);
        }
    }

    /**
     * keepalived logs the group's move when the first member has moved and before it drags the
     * others (the group's notifies come once they all have): only when another member moves.
     */
    private void logSyncing(java.util.function.Predicate<VrrpInstance> moves, VrrpState to) {
        for (VrrpInstance m : group.members()) {
            if (m != this && m.started && moves.test(m)) {
                LOG.info("VRRP_Group({}) Syncing instances to {} state", group.name(), to);
                return;
            }
        }
    }

    private void groupChanged() {
        if (group == null) {
            return;
        }
        VrrpState s = SyncGroup.stateOf(group.members());
        if (s == VrrpState.FAULT && !allStartedIn(VrrpState.FAULT)) {
            return; // reported once every member has followed, as keepalived does
        }
        if (s != VrrpState.INIT && s != group.state) {
            VrrpState from = group.state;
            group.state = s;
            if (from == VrrpState.INIT) {
                // a group leaving a held start-up (no member reported yet): keepalived logs it here
                LOG.info("VRRP_Group({}) Syncing instances to {} state", group.name(), s);
            }
            io.groupStateChanged(group, from, s);
        }
    }

    private boolean allStartedIn(VrrpState st) {
        for (VrrpInstance m : group.members()) {
            if (m.started && m.state != st) {
                return false;
            }
        }
        return true;
    }
}
