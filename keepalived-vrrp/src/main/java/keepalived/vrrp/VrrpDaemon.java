package keepalived.vrrp;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import keepalived.config.Block;
import keepalived.config.KeepalivedConfig;
import keepalived.config.global.GlobalDefsKeywords;
import keepalived.config.net.IpAddress;
import keepalived.config.net.IpPrefix;
import keepalived.config.net.StaticKeywords;
import keepalived.config.vrrp.NotifyScript;
import keepalived.config.vrrp.SyncGroupKeywords;
import keepalived.config.vrrp.UnicastPeer;
import keepalived.config.vrrp.VrrpInstanceKeywords;
import keepalived.daemon.DaemonContext;
import keepalived.daemon.DumpFile;
import keepalived.daemon.Subsystem;
import keepalived.loop.EventLoop;
import keepalived.loop.NanoClock;
import keepalived.net.ReceiveInfo;
import keepalived.netlink.Address;
import keepalived.netlink.IfAddr;
import keepalived.netlink.Link;
import keepalived.netlink.Rtnl;
import keepalived.netlink.RtnlEvents;
import keepalived.sys.LinuxConstants;
import keepalived.sys.Native;
import keepalived.vrrp.io.AddressVmacs;
import keepalived.vrrp.io.AdvertSocket;
import keepalived.smtp.SmtpAlerter;
import keepalived.smtp.SmtpSettings;
import keepalived.vrrp.io.Announcer;
import keepalived.vrrp.io.GarpPacing;
import keepalived.vrrp.io.HostEvents;
import keepalived.vrrp.io.InstalledEntryWatch;
import keepalived.vrrp.io.NotifyFifo;
import keepalived.vrrp.io.NotifyRunner;
import keepalived.vrrp.io.RouteManager;
import keepalived.vrrp.io.AcceptFirewall;
import keepalived.vrrp.io.AcceptRuleset;
import keepalived.vrrp.io.LocalIgmpReports;
import keepalived.vrrp.io.VipManager;
import keepalived.vrrp.io.VmacManager;
import keepalived.vrrp.dump.VrrpDataDump;
import keepalived.vrrp.dump.VrrpJsonDump;
import keepalived.vrrp.dump.VrrpView;
import keepalived.vrrp.packet.AdvertPacket;
import keepalived.vrrp.packet.AhHeader;
import keepalived.vrrp.packet.AdvertTemplate;
import keepalived.vrrp.packet.AdvertView;
import keepalived.vrrp.state.InstanceConfig;
import keepalived.vrrp.state.SyncGroup;
import keepalived.vrrp.state.TrackKind;
import keepalived.vrrp.state.VrrpInstance;
import keepalived.vrrp.state.VrrpIo;
import keepalived.vrrp.state.VrrpState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VRRP runtime: one event-loop thread that owns the instances (state machines from
 * keepalived.vrrp.state), their sockets (one per interface, family and unicast source), the
 * rtnetlink socket that adds and removes VIPs, the GARP/NA sender, notify scripts and FIFO.
 * It is the {@link VrrpIo} of every instance.
 *
 * <p>Receive path: a datagram is decoded and checked with {@link AdvertPacket#decode}; one that
 * fails is counted against the instance its VRID names (if any) and dropped, never a state
 * change; a good one is routed by socket (interface + family) and VRID to
 * {@link VrrpInstance#onAdvert}, which validates it against the instance and acts.
 */
public final class VrrpDaemon implements VrrpIo {
    private static final Logger LOG = LoggerFactory.getLogger("keepalived.vrrp");

    /** The running configuration (replaced on reload; read on the loop thread only). */
    private KeepalivedConfig config;
    private final DaemonContext context;
    private final EventLoop loop;
    private final CountDownLatch exited = new CountDownLatch(1);
    private volatile int exitCode;

    // loop thread only from here on
    private Rtnl rtnl;
    private HostEvents events;
    private VipManager vips;
    private AcceptFirewall firewall;
    private LocalIgmpReports localIgmp;
    private VmacManager vmacs;
    private RouteManager routes;
    private InstalledEntryWatch watch;
    private TrackFiles files;
    private TrackProcesses processes;
    private boolean staticInstalled;
    private Announcer announcer;
    private TrackScripts scripts;
    private final NotifyRunner notifier = new NotifyRunner();
    private final keepalived.vrrp.io.FifoScripts fifoScripts = new keepalived.vrrp.io.FifoScripts();
    private SmtpAlerter smtp;
    private final Map<String, Boolean> instanceAlerts = new HashMap<>();
    private final List<NotifyFifo> fifos = new ArrayList<>();
    private final Map<String, Integer> ifindexes = new HashMap<>();
    private final Map<AdvertSocket.Key, AdvertSocket> sockets = new LinkedHashMap<>();
    private final Map<AdvertSocket, EventLoop.Registration> registrations = new HashMap<>();
    /** Per socket: instances by VRID. */
    private final Map<AdvertSocket, VrrpInstance[]> byVrid = new HashMap<>();
    private final List<Runtime> instances = new ArrayList<>();
    private final Map<VrrpInstance, Runtime> runtimes = new HashMap<>();
    private final Map<String, Block> groupBlocks = new HashMap<>();
    private final AdvertView view = new AdvertView();
    private final byte[] src4 = new byte[4];
    private final byte[] src6 = new byte[16];
    private final byte[] dst4 = new byte[4];
    private final byte[] dst6 = new byte[16];
    private final byte[] scratch = new byte[16];
    private final ByteBuffer out = ByteBuffer.allocateDirect(2048).order(ByteOrder.BIG_ENDIAN);
    private boolean v3ChecksumAsV2;
    private boolean logUnknownVrids;
    private GarpPacing garpPacing;
    private boolean stopping;
    private long malformed;
    private long unknownVrid;

    /** What the runtime keeps per instance besides the state machine. */
    private static final class Runtime {
        /** The vrrp_instance block and its typed view (both replaced when a reload keeps the instance). */
        Block block;
        InstanceConfig config;
        final VrrpInstance instance;
        /** Replaced when the VMAC it is bound to is recreated. */
        AdvertSocket socket;
        final byte[] source;
        /** Where the VIPs go and GARPs/NAs leave: the VMAC with use_vmac, else the instance's interface. */
        String vipDev;
        /** The VMAC made for the instance, or null. */
        String vmac;
        /** unicast_src_ip was not on the host at start: the socket is not bound to it, the instance stays FAULT. */
        boolean srcMissing;
        /** use_vmac_addr / a VIP's use_vmac: interface → the VMAC its addresses go on. */
        Map<String, String> addressVmacs = Map.of();
        final List<byte[]> destinations = new ArrayList<>();
        final List<byte[]> destinationAddresses = new ArrayList<>();
        long lastRoundNs = Long.MIN_VALUE;
        /** garp_group / vrrp_garp_interval / vrrp_gna_interval of the instance's interface and family. */
        long gratuitousIntervalNs;
        int pendingGratuitous;
        keepalived.loop.Timer gratuitousTimer;
        /** garp_extra_if all: periodic GARP/NA for addresses on other interfaces while MASTER. */
        keepalived.loop.Timer extraIfTimer;

        Runtime(Block block, InstanceConfig config, VrrpInstance instance, AdvertSocket socket, byte[] source) {
            this.block = block;
            this.config = config;
            this.instance = instance;
            this.socket = socket;
            this.source = source;
            this.vipDev = config.interfaceName();
        }
    }

    public VrrpDaemon(KeepalivedConfig config, DaemonContext context) throws IOException {
        this.config = ScriptSecurity.apply(config, false); // disabled scripts are never seen, hence never run
        this.context = context;
        this.loop = new EventLoop("vrrp");
    }

    /** Starts the loop and sets everything up on it; throws if the set-up failed. */
    public void start() throws Exception {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        loop.start();
        loop.execute(() -> {
            try {
                setUp();
                ready.complete(null);
            } catch (Throwable t) {
                ready.completeExceptionally(t);
            }
        });
        try {
            ready.get(30, TimeUnit.SECONDS);
            // after set-up: a big config's set-up must not run into vrrp_rlimit_rttime
            loop.execute(() -> keepalived.daemon.ProcessTuning.vrrp(config.globalDefs()).applyToLoopThread(loop));
        } catch (ExecutionException e) {
            loop.execute(this::close);
            loop.shutdown();
            exited.countDown();
            Throwable cause = e.getCause();
            throw cause instanceof Exception ex ? ex : new IllegalStateException(cause);
        }
    }

    /** Graceful stop (any thread): MASTERs send priority 0, VIPs go (unless -V), STOP notifies. */
    public void stop() {
        try {
            loop.execute(this::shutDown);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            exited.countDown();
        }
    }

    public int awaitExit() throws InterruptedException {
        exited.await();
        loop.awaitTermination(5, TimeUnit.SECONDS);
        return exitCode;
    }

    /** A keepalived signal function: DATA, STATS, STATS_CLEAR, JSON (the dump files, on the loop thread). */
    public void signal(String function) {
        Runnable dump = switch (function) {
            case Subsystem.DATA -> this::writeData;
            case Subsystem.STATS -> () -> writeStats(false);
            case Subsystem.STATS_CLEAR -> () -> writeStats(true);
            case Subsystem.JSON -> this::writeJson;
            default -> null;
        };
        if (dump == null) {
            LOG.info("Signal function {} is not supported", function);
            return;
        }
        try {
            loop.execute(dump);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("{} after the VRRP loop stopped - ignored", function); // a signal racing the stop
        }
    }

    /**
     * SIGHUP with a configuration already read and found runnable (any thread): applied on the
     * loop thread, see {@link #applyReload}.
     */
    public void reload(KeepalivedConfig next) {
        try {
            loop.execute(() -> {
                try {
                    applyReload(next);
                } catch (IOException | RuntimeException e) {
                    LOG.error("Reload failed: {}", e.toString(), e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.info("Reload ignored: the VRRP process is stopping");
        }
    }

    // ---- reload (loop thread)

    /**
     * Applies {@code next} as keepalived does on reload. An instance kept (same name and
     * {@link ConfigDiff.Identity}) keeps its state, timers and stats: a MASTER stays MASTER,
     * removes the VIPs/eVIPs/routes/rules that left the configuration, adds and announces only
     * the new ones, and sends no priority-0 advert, GARP burst or notify for the reload itself. A
     * removed instance stops as on shutdown (a MASTER sends priority 0 and releases its VIPs) and
     * is notified FAULT, or DELETED with notify_deleted; a new one starts as at start-up. Scripts
     * keep their status; sync groups are rebuilt over the members' current states; static
     * addresses, routes and rules are diffed; the FIFO gets state lines only with
     * fifo_write_vrrp_states_on_reload.
     */
    private void applyReload(KeepalivedConfig next) throws IOException {
        if (stopping) {
            return;
        }
        long t0 = System.nanoTime();
        LOG.info("Reloading");
        KeepalivedConfig previous = config;
        config = ScriptSecurity.apply(next, true);
        Block globals = next.globalDefs();
        applyGlobals(globals);
        reopenFifos(previous.globalDefs(), globals);
        fifoScripts.start(globals); // keepalived restarts them on every reload

        TrackScripts oldScripts = scripts;
        TrackFiles oldFiles = files;
        oldScripts.stop();
        oldFiles.stop();
        processes.stop();
        makeTrackers(oldScripts, oldFiles);

        Map<String, Block> wanted = new LinkedHashMap<>();
        for (Block b : config.vrrpInstances()) {
            wanted.put(b.name(), b);
        }
        List<Runtime> kept = new ArrayList<>();
        List<InstanceConfig> keptConfigs = new ArrayList<>();
        List<Block> keptBlocks = new ArrayList<>();
        for (Runtime rt : List.copyOf(instances)) {
            Block b = wanted.get(rt.config.name());
            InstanceConfig ic = b == null ? null : instanceConfig(b, globals);
            if (ic != null) {
                String changed = ConfigDiff.Identity.of(rt.block, rt.config).changesTo(ConfigDiff.Identity.of(b, ic));
                if (changed.isEmpty()) {
                    kept.add(rt);
                    keptConfigs.add(ic);
                    keptBlocks.add(b);
                    wanted.remove(b.name());
                    continue;
                }
                LOG.info("({}) {} - restarting the instance", rt.config.name(), changed);
            }
            removeInstance(rt, ic == null);
        }
        // what is left in instances is kept: each leaves its old sync group in reconfigure
        for (int i = 0; i < kept.size(); i++) {
            updateInstance(kept.get(i), keptBlocks.get(i), keptConfigs.get(i));
        }
        List<Runtime> added = new ArrayList<>();
        for (Block b : wanted.values()) {
            Runtime rt = createInstance(b, instanceConfig(b, globals));
            if (rt != null) {
                applyTrackerStatus(rt, true);
                instances.add(rt);
                runtimes.put(rt.instance, rt);
                added.add(rt);
            }
        }
        buildSyncGroups();
        for (Runtime rt : kept) {
            applyTrackerStatus(rt, false);
            rt.instance.reevaluate();
        }
        for (Runtime rt : added) {
            rt.instance.start();
        }
        startTrackers();
        reloadStatic(previous, next);
        watchEvents();
        if (globals != null && globals.get(GlobalDefsKeywords.FIFO_WRITE_VRRP_STATES_ON_RELOAD)) {
            writeFifoStates();
        }
        // keepalived 2.2.7's wording (observed): "Reloading" ... "Reload complete"
        LOG.info("Reload complete");
        LOG.debug("Reload took {} usec", (System.nanoTime() - t0) / 1000);
    }

    /**
     * An instance gone from the configuration (or whose identity changed): stops as on shutdown,
     * is notified FAULT (DELETED with notify_deleted) and gives up its VRID slot, socket and VMAC.
     */
    private void removeInstance(Runtime rt, boolean deleted) {
        InstanceConfig ic = rt.config;
        int prio = safePriority(rt.instance);
        boolean wasFault = rt.instance.state() == VrrpState.FAULT;
        LOG.info("({}) {}", ic.name(), deleted ? "removed from the configuration" : "stopping for restart");
        rt.instance.stop(true);
        rt.gratuitousTimer.cancel();
        rt.extraIfTimer.cancel();
        rt.pendingGratuitous = 0;
        if (deleted && rt.block.get(VrrpInstanceKeywords.NOTIFY_DELETED)) {
            notifyState(false, ic.name(), rt.block.get(VrrpInstanceKeywords.NOTIFY_DELETED_SCRIPT), ic.notifyGeneric(),
                    "DELETED", prio, false);
        } else if (!wasFault) { // keepalived 2.2.7 does not report FAULT again (observed)
            notifyState(false, ic.name(), ic.notifyFault(), ic.notifyGeneric(), "FAULT", prio, false);
        }
        VrrpInstance[] table = byVrid.get(rt.socket);
        if (table != null && table[ic.vrid()] == rt.instance) {
            table[ic.vrid()] = null;
        }
        instances.remove(rt);
        runtimes.remove(rt.instance);
        boolean socketUsed = false;
        for (Runtime other : instances) {
            socketUsed |= other.socket == rt.socket;
        }
        if (!socketUsed) {
            sockets.values().remove(rt.socket);
            byVrid.remove(rt.socket);
            EventLoop.Registration reg = registrations.remove(rt.socket);
            try {
                if (reg != null) {
                    reg.cancel();
                }
            } catch (IOException e) {
                LOG.debug("unregister VRRP socket: {}", e.getMessage());
            }
            rt.socket.close();
        }
        if (rt.vmac != null && vmacs != null) {
            ifindexes.remove(rt.vmac);
            vmacs.delete(rt.vmac);
        }
        for (String v : rt.addressVmacs.values()) {
            ifindexes.remove(v);
            vmacs.delete(v);
        }
    }

    /**
     * A kept instance takes its new configuration. While MASTER (its VIPs are set) the difference
     * goes to the host at once: rules, routes and addresses that left are removed (keepalived's
     * order), new ones added, and only the new addresses announced with garp_master_repeat rounds.
     */
    private void updateInstance(Runtime rt, Block block, InstanceConfig next) {
        InstanceConfig ic = AddressVmacs.apply(next, rt.addressVmacs, block.get(VrrpInstanceKeywords.USE_VMAC_ADDR));
        InstanceConfig before = rt.config;
        boolean vipsSet = rt.instance.state() == VrrpState.MASTER;
        List<IpAddress> newAddresses = new ArrayList<>();
        if (vipsSet) {
            List<keepalived.config.net.Rule> goneRules = ConfigDiff.removed(before.vrules(), ic.vrules());
            List<keepalived.config.net.Route> goneRoutes = ConfigDiff.removed(before.vroutes(), ic.vroutes());
            List<IpAddress> goneVips = ConfigDiff.removed(before.vips(), ic.vips());
            List<IpAddress> goneEvips = ConfigDiff.removed(before.evips(), ic.evips());
            if (!goneRules.isEmpty()) {
                LOG.info("({}) removing Virtual Rules", ic.name());
                routes.removeRules(goneRules);
            }
            if (!goneRoutes.isEmpty()) {
                LOG.info("({}) removing Virtual Routes", ic.name());
                routes.removeRoutes(goneRoutes);
            }
            if (!goneVips.isEmpty() || !goneEvips.isEmpty()) {
                LOG.debug("({}) removing VIPs.", ic.name());
                vips.remove(goneVips, rt.vipDev);
                vips.remove(goneEvips, rt.vipDev);
            }
            newAddresses.addAll(ConfigDiff.added(before.vips(), ic.vips()));
            newAddresses.addAll(ConfigDiff.added(before.evips(), ic.evips()));
            if (!newAddresses.isEmpty()) {
                LOG.debug("({}) setting VIPs.", ic.name());
                vips.add(newAddresses, rt.vipDev);
            }
            List<keepalived.config.net.Route> newRoutes = ConfigDiff.added(before.vroutes(), ic.vroutes());
            List<keepalived.config.net.Rule> newRules = ConfigDiff.added(before.vrules(), ic.vrules());
            if (!newRoutes.isEmpty()) {
                LOG.info("({}) setting Virtual Routes", ic.name());
                routes.addRoutes(newRoutes);
            }
            if (!newRules.isEmpty()) {
                LOG.info("({}) setting Virtual Rules", ic.name());
                routes.addRules(newRules);
            }
        }
        rt.block = block;
        rt.config = ic;
        rt.instance.reconfigure(ic);
        rt.instance.configFault(rt.srcMissing || faultsWithoutPeers(block));
        rt.instance.timerExpiredBackup(block.get(VrrpInstanceKeywords.TIMER_EXPIRED_BACKUP));
        setDestinations(rt, before);
        for (int i = 0; i < Math.max(1, ic.garpMasterRepeat()) && !newAddresses.isEmpty(); i++) {
            announce(rt, newAddresses, i == 0);
        }
    }

    /** static_ipaddress, static_routes and static_rules: what left goes, what is new is added. */
    private void reloadStatic(KeepalivedConfig previous, KeepalivedConfig next) {
        Block before = previous.root();
        Block after = next.root();
        String oldDev = defaultInterface(previous.globalDefs());
        String newDev = defaultInterface(next.globalDefs());
        List<IpAddress> oldAddrs = staticInstalled ? before.get(StaticKeywords.STATIC_ADDRESSES) : List.of();
        List<keepalived.config.net.Route> oldRoutes = staticInstalled ? before.get(StaticKeywords.STATIC_ROUTES)
                : List.of();
        List<keepalived.config.net.Rule> oldRules = staticInstalled ? before.get(StaticKeywords.STATIC_RULES)
                : List.of();
        boolean used = StaticKeywords.isUsed(after);
        List<IpAddress> newAddrs = used ? after.get(StaticKeywords.STATIC_ADDRESSES) : List.of();
        List<keepalived.config.net.Route> newRoutes = used ? after.get(StaticKeywords.STATIC_ROUTES) : List.of();
        List<keepalived.config.net.Rule> newRules = used ? after.get(StaticKeywords.STATIC_RULES) : List.of();
        // an address without dev follows default_interface: a changed default moves them all
        List<IpAddress> keptAddrs = java.util.Objects.equals(oldDev, newDev) ? newAddrs : List.of();
        routes.removeRules(ConfigDiff.removed(oldRules, newRules));
        routes.removeRoutes(ConfigDiff.removed(oldRoutes, newRoutes));
        vips.remove(ConfigDiff.removed(oldAddrs, keptAddrs), oldDev);
        vips.add(ConfigDiff.added(keptAddrs == newAddrs ? oldAddrs : List.of(), newAddrs), newDev);
        routes.addRoutes(ConfigDiff.added(oldRoutes, newRoutes));
        routes.addRules(ConfigDiff.added(oldRules, newRules));
        staticInstalled = used;
    }

    private static String defaultInterface(Block globals) {
        return globals == null ? GlobalDefsKeywords.DEFAULT_INTERFACE.defaultValue()
                : globals.get(GlobalDefsKeywords.DEFAULT_INTERFACE);
    }

    /** A changed notify_fifo / vrrp_notify_fifo is closed and the new one opened. */
    private void reopenFifos(Block before, Block after) {
        if (java.util.Objects.equals(fifoPaths(before), fifoPaths(after))) {
            return;
        }
        fifos.forEach(NotifyFifo::close);
        fifos.clear();
        openFifos(after);
    }

    private static List<String> fifoPaths(Block globals) {
        List<String> l = new ArrayList<>();
        if (globals != null) {
            keepalived.config.global.NotifyFifo f = globals.get(GlobalDefsKeywords.NOTIFY_FIFO);
            keepalived.config.global.NotifyFifo vf = globals.get(GlobalDefsKeywords.VRRP_NOTIFY_FIFO);
            l.add(f == null ? null : f.path());
            l.add(vf == null ? null : vf.path());
        }
        return l;
    }

    /** fifo_write_vrrp_states_on_reload: every instance's and sync group's current state. */
    private void writeFifoStates() {
        for (Runtime rt : instances) {
            VrrpInstance vi = rt.instance;
            fifo(false, vi.name(), vi.state().name(), vi.effectivePriority());
        }
        for (SyncGroup g : syncGroups()) {
            fifo(true, g.name(), g.state().name(), 0);
        }
    }

    /** The sync groups of the running instances, in instance order. */
    private java.util.Set<SyncGroup> syncGroups() {
        java.util.Set<SyncGroup> groups = new java.util.LinkedHashSet<>();
        for (Runtime rt : instances) {
            if (rt.instance.syncGroup() != null) {
                groups.add(rt.instance.syncGroup());
            }
        }
        return groups;
    }

    // ---- set-up (loop thread)

    private void setUp() throws IOException {
        Block globals = config.globalDefs();
        applyGlobals(globals);
        if (globals.get(GlobalDefsKeywords.DISABLE_LOCAL_IGMP)) {
            localIgmp = LocalIgmpReports.disable(Path.of("/proc/sys"));
        }
        rtnl = Rtnl.open();
        for (Link l : rtnl.links()) {
            ifindexes.put(l.name(), l.index());
        }
        vips = new VipManager(rtnl, this::ifindex);
        firewall = new AcceptFirewall(AcceptRuleset.from(globals), this::ifindex);
        routes = new RouteManager(rtnl, this::ifindex);
        watch = new InstalledEntryWatch(rtnl, vips, routes, this::installedEntries);
        watch.reactOn(task -> loop.execute(() -> {
            if (!stopping) {
                task.run(); // after the batch: a link going down in it is handled first
            }
        }));
        installStatic(globals);
        announcer = new Announcer(this::ifindex);
        openFifos(globals);
        fifoScripts.start(globals);
        makeTrackers(null, null);
        for (Block b : config.vrrpInstances()) {
            Runtime rt = createInstance(b, instanceConfig(b, globals));
            if (rt != null) {
                applyTrackerStatus(rt, true);
                instances.add(rt);
                runtimes.put(rt.instance, rt);
            }
        }
        buildSyncGroups();

        events = new HostEvents(loop, new LinkWatcher());
        watchEvents();

        StartupDelay delay = StartupDelay.from(globals, loop.nowNs());
        for (Runtime rt : instances) {
            rt.instance.start();
            delay.hold(rt.instance);
        }
        startTrackers();
        LOG.info("Startup complete");
        LOG.debug("VRRP: {} instance(s) on {} socket(s)", instances.size(), sockets.size());
    }

    /** The global_defs the loop reads at start and again on reload. */
    private void applyGlobals(Block globals) {
        v3ChecksumAsV2 = globals != null && globals.get(GlobalDefsKeywords.V3_CHECKSUM_AS_V2);
        logUnknownVrids = globals != null && globals.get(GlobalDefsKeywords.LOG_UNKNOWN_VRIDS);
        garpPacing = GarpPacing.from(config);
        if (smtp != null) {
            smtp.close();
        }
        smtp = new SmtpAlerter(SmtpSettings.from(globals));
        instanceAlerts.clear();
        for (Block b : config.vrrpInstances()) {
            instanceAlerts.put(b.name(), SmtpSettings.vrrpAlert(b.get(VrrpInstanceKeywords.SMTP_ALERT), globals));
        }
        groupBlocks.clear();
        for (Block g : config.syncGroups()) {
            groupBlocks.put(g.name(), g);
        }
    }

    /**
     * vrrp_script, track_file and track_process runners for {@link #config}; on reload the
     * previous ones' status carries over (scripts by name; files and processes are read again).
     */
    private void makeTrackers(TrackScripts oldScripts, TrackFiles oldFiles) {
        scripts = new TrackScripts(loop, config.vrrpScripts(), config.globalDefs(), (name, up) -> {
            for (Runtime rt : instances) {
                rt.instance.onTrackerChange(TrackKind.SCRIPT, name, up);
            }
        });
        if (oldScripts != null) {
            scripts.carryOver(oldScripts);
        }
        files = new TrackFiles(loop, config.root().blocks(keepalived.config.vrrp.VrrpKeywords.TRACK_FILES),
                this::onTrackFile, oldFiles == null ? java.util.Set.of() : oldFiles.names());
        processes = new TrackProcesses(loop,
                config.root().blocks(keepalived.config.vrrp.VrrpKeywords.TRACK_PROCESSES), (name, up) -> {
                    for (Runtime rt : instances) {
                        rt.instance.onTrackerChange(TrackKind.PROCESS, name, up);
                    }
                });
    }

    /** The instance's typed configuration, its trackers' weights resolved against the runners. */
    private InstanceConfig instanceConfig(Block b, Block globals) {
        java.util.function.UnaryOperator<InstanceConfig.Track> resolve = t -> switch (t.kind()) {
            case SCRIPT -> t.weight() != null ? t : new InstanceConfig.Track(t.kind(), t.name(),
                    scripts.weight(t.name()), t.reverse());
            case FILE -> files.resolve(t);
            case PROCESS -> processes.resolve(t);
            default -> t.weight() != null ? t : new InstanceConfig.Track(t.kind(), t.name(), 0, t.reverse());
        };
        return SyncGroupTracking.apply(InstanceConfig.from(b, globals)
                .plusTracks(StaticTrackGroups.trackers(config, b.name())).withTracks(resolve), b, config, resolve);
    }

    /**
     * Sets up one instance (VMAC, socket, destinations, VRID slot); null when it cannot run
     * (logged). The caller adds it to {@link #instances} and starts it.
     */
    private Runtime createInstance(Block b, InstanceConfig ic) throws IOException {
        int ifindex = ifindex(ic.interfaceName());
        if (ifindex <= 0) {
            LOG.error("({}) Unknown interface {} - instance not started", ic.name(), ic.interfaceName());
            return null;
        }
        InetAddress unicastSource = ic.unicast() ? ic.srcIp() : null;
        byte[] source = localAddress(ic, ifindex);
        // use_vmac: adverts leave (and arrive) on the VMAC unless vmac_xmit_base; VIPs go on the VMAC
        String sockDev = ic.interfaceName();
        int sockIndex = ifindex;
        VmacManager.Vmac vmac = null;
        List<String> vmacWords = b.get(VrrpInstanceKeywords.USE_VMAC);
        if (vmacWords != null) {
            VmacManager.Spec spec = VmacManager.Spec.parse(vmacWords, ic.vrid());
            String name = spec.name() != null ? spec.name() : VmacManager.defaultName(
                    config.globalDefs() == null ? GlobalDefsKeywords.VMAC_PREFIX.defaultValue()
                            : config.globalDefs().get(GlobalDefsKeywords.VMAC_PREFIX), ic.vrid());
            byte[] mac = spec.mac() != null ? spec.mac() : VmacManager.virtualMac(ic.vrid(), ic.ipv6());
            if (vmacs == null) {
                vmacs = new VmacManager(rtnl);
            }
            try {
                InetAddress linkLocal = ic.ipv6() ? InetAddress.getByAddress(source) : null;
                vmac = vmacs.create(ic.name(), name, mac, ic.interfaceName(), ifindex, linkLocal);
            } catch (IOException e) {
                LOG.error("({}) Creating VMAC interface {} failed: {} - instance not started", ic.name(), name,
                        e.getMessage());
                return null;
            }
            ifindexes.put(vmac.name(), vmac.index());
            if (!b.get(VrrpInstanceKeywords.VMAC_XMIT_BASE)) {
                sockDev = vmac.name();
                sockIndex = vmac.index();
            }
        }
        AdvertSocket.Key key = new AdvertSocket.Key(sockDev, ic.ipv6(), unicastSource, ic.ah());
        AdvertSocket socket = sockets.get(key);
        if (socket == null) {
            try {
                socket = AdvertSocket.open(sockDev, sockIndex, ic.ipv6(), unicastSource, ic.unicastTtl(), ic.ah());
            } catch (keepalived.sys.NativeException e) {
                if (unicastSource == null) {
                    throw e;
                }
                // keepalived 2.2.7 (observed, with or without track_src_ip): the instance stays in FAULT
                LOG.info("bind unicast_src {} failed {} - {}", IpPrefix.format(unicastSource), e.errnoValue(),
                        e.errno().description());
                LOG.info("({}): entering FAULT state (src address not configured)", ic.name());
                socket = AdvertSocket.open(sockDev, sockIndex, ic.ipv6(), null, ic.unicastTtl(), ic.ah());
            }
            sockets.put(key, socket);
            AdvertSocket s = socket;
            registrations.put(socket, loop.register(socket.fd(), ev -> s.drain(this::onDatagram)));
        }
        if (vmac != null && unicastSource == null && !ic.ipv6() && socket.ifindex() == vmac.index()) {
            try {
                socket.multicastSource(InetAddress.getByAddress(source));
            } catch (IOException e) {
                LOG.warn("({}) Unable to set the advert source on {}: {}", ic.name(), vmac.name(), e.getMessage());
            }
        }
        boolean srcMissing = unicastSource != null && socket.unicastSource() == null;
        VrrpInstance[] table = byVrid.computeIfAbsent(socket, s -> new VrrpInstance[256]);
        if (table[ic.vrid()] != null) {
            LOG.error("({}) VRID {} is already used by {} on {} - instance not started", ic.name(), ic.vrid(),
                    table[ic.vrid()].name(), ic.interfaceName());
            if (vmac != null) {
                vmacs.delete(vmac.name());
            }
            return null;
        }
        Map<String, String> addressVmacs = createAddressVmacs(b, ic);
        ic = AddressVmacs.apply(ic, addressVmacs, b.get(VrrpInstanceKeywords.USE_VMAC_ADDR));
        VrrpInstance vi = new VrrpInstance(ic, loop.timers(), NanoClock.SYSTEM, this);
        Runtime rt = new Runtime(b, ic, vi, socket, source);
        rt.srcMissing = srcMissing;
        rt.addressVmacs = addressVmacs;
        if (vmac != null) {
            rt.vipDev = vmac.name();
            rt.vmac = vmac.name();
        }
        rt.gratuitousTimer = loop.newTimer((timer, now) -> gratuitousRoundDue(rt, now));
        rt.extraIfTimer = loop.newTimer((timer, now) -> announce(rt, ExtraInterfaceGarp.plan(rt.block,
                config.globalDefs()).addresses(rt.config, rt.vipDev, rt.addressVmacs.values()), true));
        setDestinations(rt, null);
        table[ic.vrid()] = vi;
        vi.localAddress(source);
        vi.configFault(srcMissing || faultsWithoutPeers(b));
        vi.timerExpiredBackup(b.get(VrrpInstanceKeywords.TIMER_EXPIRED_BACKUP));
        Link link = rtnl.link(ic.interfaceName()).orElse(null);
        if (link == null || !link.isUp() || !link.hasCarrier()) {
            if (!ic.dontTrackPrimary()) {
                LOG.info("({}): entering FAULT state (interface {} down)", ic.name(), ic.interfaceName());
            }
            vi.onInterfaceChange(false);
        }
        return rt;
    }

    /** unicast_fault_no_peer without any unicast_peer: FAULT rather than multicast. */
    private static boolean faultsWithoutPeers(Block b) {
        return b.get(VrrpInstanceKeywords.UNICAST_FAULT_NO_PEER) && b.get(VrrpInstanceKeywords.UNICAST_PEERS).isEmpty();
    }

    /** The address VMACs of the instance (see {@link AddressVmacs}), made now. */
    private Map<String, String> createAddressVmacs(Block b, InstanceConfig ic) {
        List<String> devs = AddressVmacs.devices(ic, b.get(VrrpInstanceKeywords.USE_VMAC_ADDR));
        if (devs.isEmpty()) {
            return Map.of();
        }
        if (vmacs == null) {
            vmacs = new VmacManager(rtnl);
        }
        return AddressVmacs.create(vmacs, AddressVmacs.prefix(config.globalDefs()), ic, devs, this::ifindex);
    }

    /** Unicast peers or the multicast group (joined unless {@code before} had joined it), and GARP pacing. */
    private void setDestinations(Runtime rt, InstanceConfig before) {
        InstanceConfig ic = rt.config;
        rt.gratuitousIntervalNs = garpPacing.intervalNs(ic.interfaceName(), ic.ipv6());
        rt.destinations.clear();
        rt.destinationAddresses.clear();
        if (ic.unicast()) {
            for (UnicastPeer p : ic.unicastPeers()) {
                rt.destinations.add(rt.socket.destination(p.address()));
                rt.destinationAddresses.add(p.address().getAddress());
            }
            return;
        }
        if (before == null || !ic.mcastGroup().equals(before.mcastGroup())) {
            try {
                rt.socket.join(ic.mcastGroup());
            } catch (IOException e) {
                LOG.debug("join {} on {}: {}", IpPrefix.format(ic.mcastGroup()), ic.interfaceName(), e.getMessage());
            }
        }
        rt.destinations.add(rt.socket.destination(ic.mcastGroup()));
        rt.destinationAddresses.add(ic.mcastGroup().getAddress());
    }

    /**
     * Tells the instance its trackers' current status: before its start (start-up, or an
     * instance added on reload, with keepalived's FAULT log lines), or on a running instance after
     * a reload, where a change acts as it would at run time.
     */
    private void applyTrackerStatus(Runtime rt, boolean initial) {
        VrrpInstance vi = rt.instance;
        InstanceConfig ic = rt.config;
        for (InstanceConfig.Track t : ic.trackers()) {
            if (t.kind() == TrackKind.SCRIPT) {
                boolean good = scripts.isGood(t.name());
                if (initial && !scripts.hasReported(t.name())) {
                    vi.awaitTracker(TrackKind.SCRIPT, t.name()); // not run yet: see VrrpInstance#awaitTracker
                } else if (!initial || !good) {
                    vi.onTrackerChange(TrackKind.SCRIPT, t.name(), good);
                }
            } else if (t.kind() == TrackKind.FILE) {
                long v = files.value(t.name());
                if (v != 0 || !initial) {
                    vi.onTrackFileValue(t.name(), v);
                }
                if (initial && TrackFiles.faults(t, v)) {
                    LOG.info("({}): entering FAULT state (tracked file {} has status {})", ic.name(), t.name(),
                            TrackFiles.status(t, v));
                }
            } else if (t.kind() == TrackKind.PROCESS) {
                boolean up = processes.isUp(t.name());
                if (initial && !up) {
                    LOG.info("({}) entering FAULT state (tracked process {} quorum not achieved)", ic.name(),
                            t.name());
                }
                if (!initial || !up) {
                    vi.onTrackerChange(TrackKind.PROCESS, t.name(), up);
                }
            } else if (t.kind() == TrackKind.INTERFACE) {
                Link tl = null;
                try {
                    tl = rtnl.link(t.name()).orElse(null);
                } catch (IOException e) {
                    LOG.debug("link {}: {}", t.name(), e.getMessage());
                }
                boolean up = tl != null && tl.isUp() && tl.hasCarrier();
                if (initial && !up && (t.weight() == null || t.weight() == 0)) {
                    LOG.info("({}): entering FAULT state (interface {} down)", ic.name(), t.name());
                }
                if (!initial || !up) {
                    vi.onTrackerChange(TrackKind.INTERFACE, t.name(), up);
                }
            }
        }
    }

    /** vrrp_sync_group from {@link #config}, over the instances that run. */
    private void buildSyncGroups() {
        for (Block g : config.syncGroups()) {
            List<VrrpInstance> members = new ArrayList<>();
            for (String n : g.get(SyncGroupKeywords.GROUP)) {
                for (Runtime rt : instances) {
                    if (rt.instance.name().equals(n)) {
                        members.add(rt.instance);
                    }
                }
            }
            if (!members.isEmpty()) {
                new SyncGroup(g.name(), members);
            }
        }
    }

    /** Runs the trackers the instances use; files are polled every (shortest) advert interval. */
    private void startTrackers() {
        List<String> usedScripts = new ArrayList<>();
        List<String> usedFiles = new ArrayList<>();
        List<String> usedProcesses = new ArrayList<>();
        long minAdvertUs = 1_000_000L;
        for (Runtime rt : instances) {
            minAdvertUs = Math.min(minAdvertUs, rt.config.advertIntUs());
            for (InstanceConfig.Track t : rt.config.trackers()) {
                switch (t.kind()) {
                    case SCRIPT -> usedScripts.add(t.name());
                    case FILE -> usedFiles.add(t.name());
                    case PROCESS -> usedProcesses.add(t.name());
                    default -> { }
                }
            }
        }
        scripts.start(usedScripts);
        // files are polled every advert interval (the shortest, 0.1..1 s) rather than through inotify
        files.start(usedFiles, Math.max(100_000L, minAdvertUs) * 1000L);
        processes.start(usedProcesses);
    }

    private void openFifos(Block globals) {
        if (globals == null) {
            return;
        }
        keepalived.config.global.NotifyFifo f = globals.get(GlobalDefsKeywords.NOTIFY_FIFO);
        keepalived.config.global.NotifyFifo vf = globals.get(GlobalDefsKeywords.VRRP_NOTIFY_FIFO);
        if (f != null) {
            fifos.add(new NotifyFifo(Path.of(f.path())));
        }
        if (vf != null && (f == null || !vf.path().equals(f.path()))) {
            fifos.add(new NotifyFifo(Path.of(vf.path())));
        }
    }

    /** The interface index of {@code name}, asking the kernel on a miss; 0 if there is none. */
    private int ifindex(String name) {
        if (name == null) {
            return 0;
        }
        Integer i = ifindexes.get(name);
        if (i != null) {
            return i;
        }
        try {
            int idx = rtnl.link(name).map(Link::index).orElse(0);
            if (idx > 0) {
                ifindexes.put(name, idx);
            }
            return idx;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The source of our adverts: unicast_src_ip/mcast_src_ip, else the interface's primary IPv4
     * address (not one of our VIPs) or its IPv6 link-local address; zeros if it has none yet.
     */
    private byte[] localAddress(InstanceConfig ic, int ifindex) throws IOException {
        if (ic.srcIp() != null) {
            return ic.srcIp().getAddress();
        }
        int family = ic.ipv6() ? LinuxConstants.AF_INET6 : LinuxConstants.AF_INET;
        byte[] best = null;
        for (Address a : rtnl.addresses(family)) {
            if (a.ifindex() != ifindex || isVip(ic, a.address())) {
                continue;
            }
            InetAddress addr = a.address();
            if (ic.ipv6()) {
                if (addr.isLinkLocalAddress()) {
                    return addr.getAddress();
                }
            } else if (!a.hasFlag(IfAddr.IFA_F_SECONDARY)) {
                return addr.getAddress();
            } else if (best == null) {
                best = addr.getAddress();
            }
        }
        if (best != null) {
            return best;
        }
        LOG.warn("({}) No {} address on {} - adverts will carry the kernel's choice", ic.name(),
                ic.ipv6() ? "IPv6 link-local" : "IPv4", ic.interfaceName());
        return new byte[ic.ipv6() ? 16 : 4];
    }

    private static boolean isVip(InstanceConfig ic, InetAddress a) {
        for (IpAddress v : ic.vips()) {
            if (v.address().equals(a)) {
                return true;
            }
        }
        for (IpAddress v : ic.evips()) {
            if (v.address().equals(a)) {
                return true;
            }
        }
        return false;
    }

    // ---- static addresses, routes, rules and tracked files (loop thread)

    /**
     * static_ipaddress (no dev: global default_interface), static_routes, static_rules: installed
     * at start whatever the VRRP state. keepalived 2.2.7 removes them all again when it stops,
     * even with -V (observed), so {@link #removeStatic} does too.
     */
    private void installStatic(Block globals) {
        Block root = config.root();
        if (!StaticKeywords.isUsed(root)) {
            return;
        }
        String dflt = globals == null ? GlobalDefsKeywords.DEFAULT_INTERFACE.defaultValue()
                : globals.get(GlobalDefsKeywords.DEFAULT_INTERFACE);
        vips.add(root.get(StaticKeywords.STATIC_ADDRESSES), dflt);
        routes.addRoutes(root.get(StaticKeywords.STATIC_ROUTES));
        routes.addRules(root.get(StaticKeywords.STATIC_RULES));
        staticInstalled = true;
    }

    private void removeStatic() {
        if (!staticInstalled) {
            return;
        }
        Block root = config.root();
        Block globals = config.globalDefs();
        routes.removeRules(root.get(StaticKeywords.STATIC_RULES));
        routes.removeRoutes(root.get(StaticKeywords.STATIC_ROUTES));
        vips.remove(root.get(StaticKeywords.STATIC_ADDRESSES), globals.get(GlobalDefsKeywords.DEFAULT_INTERFACE));
        staticInstalled = false;
    }

    /** A tracked file's value changed: keepalived's FAULT log lines, then the instances. */
    private void onTrackFile(String name, long before, long after) {
        for (Runtime rt : instances) {
            for (InstanceConfig.Track t : rt.config.trackers()) {
                if (t.kind() == TrackKind.FILE && t.name().equals(name)) {
                    boolean was = TrackFiles.faults(t, before);
                    boolean now = TrackFiles.faults(t, after);
                    if (was != now) {
                        LOG.info("({}): tracked file {} {} FAULT state", rt.config.name(), name,
                                now ? "now" : "leaving");
                    }
                }
            }
            rt.instance.onTrackFileValue(name, after);
        }
    }

    // ---- receive path (loop thread)

    private void onDatagram(AdvertSocket socket, ByteBuffer payload, ReceiveInfo info, int ttl, byte[] destination) {
        byte[] src;
        byte[] dst;
        info.copySource(scratch);
        if (socket.isIpv6()) {
            System.arraycopy(scratch, 0, src6, 0, 16);
            src = src6;
            if (destination != null) {
                System.arraycopy(destination, 0, dst6, 0, 16);
            }
            dst = dst6;
        } else {
            System.arraycopy(scratch, 0, src4, 0, 4);
            src = src4;
            if (destination != null) {
                System.arraycopy(destination, 0, dst4, 0, 4);
            }
            dst = dst4;
        }
        AdvertPacket.Verdict verdict = AdvertPacket.Verdict.OK;
        if (socket.isAh()) {
            verdict = AhHeader.strip(payload, view);
            if (verdict != AdvertPacket.Verdict.OK) {
                // someone else's IPsec, or too short to name a VRID: keepalived counts neither
                if (verdict != AdvertPacket.Verdict.NOT_VRRP) {
                    malformed++;
                }
                return;
            }
        } else {
            view.noAh();
        }
        if (verdict == AdvertPacket.Verdict.OK) {
            verdict = AdvertPacket.decode(payload, src, dst, ttl, v3ChecksumAsV2, view);
        }
        VrrpInstance[] table = byVrid.get(socket);
        VrrpInstance target = table == null || payload.remaining() < 2 ? null : table[view.vrid()];
        if (verdict != AdvertPacket.Verdict.OK) {
            malformed++;
            if (target != null) {
                target.onMalformed(verdict);
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("Dropped advert on {} from {}: {}", socket.ifname(), info.sourceAddress(), verdict);
            }
            return;
        }
        if (target == null) {
            unknownVrid++;
            if (logUnknownVrids) {
                LOG.info("Unknown VRID({}) received on interface({}). ignoring...", view.vrid(), socket.ifname());
            } else if (LOG.isDebugEnabled()) {
                LOG.debug("Advert on {} for unknown VRID {} from {}", socket.ifname(), view.vrid(), info.sourceAddress());
            }
            return;
        }
        boolean multicast = socket.isIpv6() ? (dst[0] & 0xff) == 0xff : (dst[0] & 0xf0) == 0xe0;
        target.onAdvert(view, multicast);
    }

    // ---- VrrpIo (loop thread)

    @Override
    public void sendAdvert(VrrpInstance instance, int priority) {
        Runtime rt = runtimes.get(instance);
        if (rt == null) {
            return;
        }
        AdvertTemplate t = instance.template();
        AhHeader ah = instance.ah();
        if (ah != null && rt.socket.isAh()) {
            sendAhAdvert(rt, t, ah, priority);
        } else {
            for (int i = 0; i < rt.destinations.size(); i++) {
            out.clear();
                AdvertPacket.encode(out, t, priority, rt.source, rt.destinationAddresses.get(i));
                out.flip();
                rt.socket.send(out, rt.destinations.get(i));
            }
        }
        if (priority == 0) {
            LOG.debug("({}) sent 0 priority", instance.name());
        }
    }

    /** One AH advert round: a new IP id and sequence number, then a whole IP packet per destination. */
    private void sendAhAdvert(Runtime rt, AdvertTemplate t, AhHeader ah, int priority) {
        ah.nextAdvert();
        boolean unicast = rt.config.unicast();
        int ttl = unicast ? rt.config.unicastTtl() : AdvertPacket.TTL;
        for (int i = 0; i < rt.destinations.size(); i++) {
            out.clear();
            ah.encode(out, t, priority, rt.source, rt.destinationAddresses.get(i), ttl, unicast);
            out.flip();
            rt.socket.send(out, rt.destinations.get(i));
        }
    }

    @Override
    public void setVips(VrrpInstance instance, boolean installed) {
        Runtime rt = runtimes.get(instance);
        if (rt == null) {
            return;
        }
        InstanceConfig ic = rt.config;
        if (installed) {
            if (AcceptFirewall.applies(ic)) { // keepalived blocks the VIPs before adding them
                firewall.block(instance.name(), ic.vips(), rt.vipDev);
            }
            LOG.debug("({}) setting VIPs.", instance.name());
            vips.add(ic.vips(), rt.vipDev);
            vips.add(ic.evips(), rt.vipDev);
            if (!ic.vroutes().isEmpty()) {
                LOG.info("({}) setting Virtual Routes", instance.name());
                routes.addRoutes(ic.vroutes());
            }
            if (!ic.vrules().isEmpty()) {
                LOG.info("({}) setting Virtual Rules", instance.name());
                routes.addRules(ic.vrules());
            }
        } else {
            if (stopping && context.dontReleaseVrrp()) {
                return;
            }
            // keepalived's order: rules, routes, then addresses
            if (!ic.vrules().isEmpty()) {
                LOG.info("({}) removing Virtual Rules", instance.name());
                routes.removeRules(ic.vrules());
            }
            if (!ic.vroutes().isEmpty()) {
                LOG.info("({}) removing Virtual Routes", instance.name());
                routes.removeRoutes(ic.vroutes());
            }
            LOG.debug("({}) removing VIPs.", instance.name());
            vips.remove(ic.vips(), rt.vipDev);
            vips.remove(ic.evips(), rt.vipDev);
            if (AcceptFirewall.applies(ic)) {
                firewall.unblock(instance.name());
            }
        }
    }

    @Override
    public void sendGratuitous(VrrpInstance instance) {
        Runtime rt = runtimes.get(instance);
        if (rt == null) {
            return;
        }
        long garpIntervalNs = rt.gratuitousIntervalNs;
        if (garpIntervalNs <= 0) {
            gratuitousRound(rt);
            return;
        }
        // vrrp_garp_interval: rounds queue up and leave one interval apart
        rt.pendingGratuitous++;
        if (!rt.gratuitousTimer.isScheduled()) {
            long now = loop.nowNs();
            long due = rt.lastRoundNs == Long.MIN_VALUE ? now : Math.max(now, rt.lastRoundNs + garpIntervalNs);
            rt.gratuitousTimer.scheduleAt(due);
        }
    }

    private void gratuitousRoundDue(Runtime rt, long now) {
        if (rt.pendingGratuitous <= 0 || stopping) {
            return;
        }
        rt.pendingGratuitous--;
        gratuitousRound(rt);
        if (rt.pendingGratuitous > 0) {
            rt.gratuitousTimer.scheduleAt(now + rt.gratuitousIntervalNs);
        }
    }

    private void gratuitousRound(Runtime rt) {
        // keepalived logs the burst once per address, then every packet; the rounds of one
        // burst arrive in the same loop cycle (or one interval apart)
        long now = loop.nowNs();
        boolean burst = rt.lastRoundNs == Long.MIN_VALUE
                || now - rt.lastRoundNs > rt.gratuitousIntervalNs + 1_000_000L;
        rt.lastRoundNs = now;
        announce(rt, rt.config.vips(), burst);
        announce(rt, rt.config.evips(), burst);
    }

    private void announce(Runtime rt, List<IpAddress> addresses, boolean burst) {
        for (IpAddress a : addresses) {
            String dev = a.dev() != null ? a.dev() : rt.vipDev;
            if (burst) {
                LOG.debug("({}) Sending/queueing {} on {} for {}", rt.config.name(),
                        a.isIpv6() ? "Unsolicited Neighbour Adverts" : "gratuitous ARPs", dev,
                        IpPrefix.format(a.address()));
            }
            announcer.announce(dev, a.address());
        }
    }

    @Override
    public void stateChanging(VrrpInstance instance, VrrpState from, VrrpState to) {
        if (from == VrrpState.INIT && to == VrrpState.FAULT) {
            LOG.info("({}) entering FAULT state", instance.name()); // 2.2.7's wording at start (observed)
            return;
        }
        // keepalived marks the initial BACKUP; an owner's first MASTER is a plain transition
        LOG.info("({}) Entering {} STATE{}", instance.name(), to,
                from == VrrpState.INIT && to != VrrpState.MASTER ? " (init)" : "");
    }

    @Override
    public void stateChanged(VrrpInstance instance, VrrpState from, VrrpState to, int priority) {
        InstanceConfig ic = instance.config();
        Runtime rt = runtimes.get(instance);
        if (rt != null) {
            ExtraInterfaceGarp.Plan plan = to == VrrpState.MASTER ? ExtraInterfaceGarp.plan(rt.block, config.globalDefs())
                    : ExtraInterfaceGarp.Plan.OFF;
            if (!plan.addresses(ic, rt.vipDev, rt.addressVmacs.values()).isEmpty()) {
                rt.extraIfTimer.schedulePeriodic(loop.nowNs() + plan.periodNs(), plan.periodNs());
            } else {
                rt.extraIfTimer.cancel();
            }
        }
        NotifyScript specific = switch (to) {
            case MASTER -> ic.notifyMaster();
            case BACKUP -> ic.notifyBackup();
            case FAULT -> ic.notifyFault();
            default -> null;
        };
        notifyState(false, instance.name(), specific, ic.notifyGeneric(), to.name(), priority, false);
        if (instanceAlerts.getOrDefault(instance.name(), false)) {
            mail(false, instance.name(), from, to);
        }
    }

    /** smtp_alert: queued for the SMTP thread, never waited for here. */
    private void mail(boolean group, String name, VrrpState from, VrrpState to) {
        if (smtp == null || to == VrrpState.INIT) {
            return;
        }
        if (smtp.settings().noEmailFaults() && (to == VrrpState.FAULT || from == VrrpState.FAULT)) {
            return;
        }
        smtp.alert(smtp.vrrpSubject(group, name, to.name()), SmtpAlerter.vrrpBody(group, to.name()));
    }

    @Override
    public void masterRxLowerPriority(VrrpInstance instance, int advertPriority) {
        InstanceConfig ic = instance.config();
        if (ic.notifyMasterRxLowerPri() != null) {
            notifier.run(asScriptUser(ic.notifyMasterRxLowerPri(), ic.notifyMasterRxLowerPri().argv()));
        }
        fifo(false, instance.name(), "MASTER_RX_LOWER_PRI", instance.effectivePriority());
    }

    @Override
    public void priorityChanged(VrrpInstance instance, int from, int to) {
        // VrrpInstance logs "Changing effective priority from A to B"
        if (instance.config().notifyPriorityChanges()) {
            VrrpState s = instance.state();
            if (s == VrrpState.MASTER || s == VrrpState.BACKUP) {
                fifo(false, instance.name(), s.name() + "_PRIORITY", to);
            }
        }
    }

    @Override
    public void groupStateChanged(SyncGroup group, VrrpState from, VrrpState to) {
        // VrrpInstance logs "VRRP_Group(G) Syncing instances to S state" as the members move
        Block g = groupBlocks.get(group.name());
        NotifyScript specific = null;
        NotifyScript generic = null;
        if (g != null) {
            specific = switch (to) {
                case MASTER -> g.get(SyncGroupKeywords.NOTIFY_MASTER);
                case BACKUP -> g.get(SyncGroupKeywords.NOTIFY_BACKUP);
                case FAULT -> g.get(SyncGroupKeywords.NOTIFY_FAULT);
                default -> null;
            };
            generic = g.get(SyncGroupKeywords.NOTIFY);
        }
        notifyState(true, group.name(), specific, generic, to.name(), 0, false);
        if (g != null && SmtpSettings.vrrpAlert(g.get(SyncGroupKeywords.SMTP_ALERT), config.globalDefs())) {
            mail(true, group.name(), from, to);
        }
    }

    /** The command that runs {@code argv} as the script's user (its own, else script_user, else keepalived_script, else root). */
    private List<String> asScriptUser(NotifyScript script, List<String> argv) {
        int[] ids = keepalived.config.global.ScriptCheck.runAs(script.user(), script.group(), config.globalDefs());
        return keepalived.sys.RunAs.command(argv, ids[0], ids[1]);
    }

    /** Specific script (own argv only), generic script (+4 args) and the FIFO line. */
    private void notifyState(boolean group, String name, NotifyScript specific, NotifyScript generic, String state,
            int priority, boolean wait) {
        if (specific != null) {
            if (wait) {
                notifier.runAndWait(asScriptUser(specific, specific.argv()), 1000);
            } else {
                notifier.run(asScriptUser(specific, specific.argv()));
            }
        }
        if (generic != null) {
            List<String> argv = asScriptUser(generic,
                    NotifyRunner.genericArgv(generic.argv(), group, name, state, priority));
            if (wait) {
                notifier.runAndWait(argv, 1000);
            } else {
                notifier.run(argv);
            }
        }
        fifo(group, name, state, priority);
    }

    private void fifo(boolean group, String name, String state, int priority) {
        for (NotifyFifo f : fifos) {
            f.write(group, name, state, priority);
        }
    }

    // ---- link events and what the host does to our entries

    /** Links, addresses and, when keepalived would watch them, routes and rules. */
    private void watchEvents() {
        boolean r = StaticTrackGroups.routesWatched(config);
        boolean u = StaticTrackGroups.rulesWatched(config);
        if (events.subscribe(r, u)) {
            watch.watching(r, u);
        }
    }

    /** What we installed now: the MASTERs' VIPs, eVIPs, routes and rules, and the static entries. */
    private List<InstalledEntryWatch.Entry> installedEntries() {
        List<InstalledEntryWatch.Entry> l = new ArrayList<>();
        for (Runtime rt : instances) {
            if (rt.instance.state() == VrrpState.MASTER) {
                InstalledEntryWatch.addInstance(l, rt.instance, rt.config, rt.vipDev, this::ifindex);
            }
        }
        if (staticInstalled) {
            Block root = config.root();
            InstalledEntryWatch.addStatic(l, root.get(StaticKeywords.STATIC_ADDRESSES),
                    root.get(StaticKeywords.STATIC_ROUTES), root.get(StaticKeywords.STATIC_RULES),
                    defaultInterface(config.globalDefs()), this::ifindex);
        }
        return l;
    }

    /** Up (and carrier) per interface index, as the link events last said. */
    private final Map<Integer, Boolean> linkStates = new HashMap<>();

    private final class LinkWatcher implements RtnlEvents.Listener {
        private final Map<Integer, Boolean> up = linkStates;

        @Override
        public void resyncNeeded() {
            LOG.warn("Netlink events were lost - interface state may be stale");
            watch.resync();
        }

        @Override
        public void address(Address address, boolean deleted) {
            watch.address(address, deleted);
        }

        @Override
        public void route(keepalived.netlink.Route route, boolean deleted) {
            watch.route(route, deleted);
        }

        @Override
        public void rule(keepalived.netlink.Rule rule, boolean deleted) {
            watch.rule(rule, deleted);
        }

        @Override
        public void link(Link link, boolean deleted) {
            ifindexes.remove(link.name());
            announcer.forget(link.name());
            boolean nowUp = !deleted && link.isUp() && link.hasCarrier();
            Boolean before = up.put(link.index(), nowUp);
            if (deleted && before != null) {
                if (before) {
                    linkChanged(link, false);
                }
                LOG.info("Interface {} deleted", link.name());
                up.remove(link.index());
                for (Runtime rt : List.copyOf(instances)) {
                    if (link.name().equals(rt.vmac) && !stopping) {
                        recreateVmac(rt);
                    }
                }
                return;
            }
            if (before != null && before == nowUp) {
                return;
            }
            if (before == null && nowUp) {
                return; // first sighting of an interface that is up: nothing changed
            }
            linkChanged(link, nowUp);
        }

        private void linkChanged(Link link, boolean nowUp) {
            LOG.info("Netlink reports {} {}", link.name(), nowUp ? "up" : "down");
            if (nowUp && staticInstalled) {
                watch.linkUp(link.name());
            }
            for (Runtime rt : instances) {
                if (rt.socket.ifindex() == link.index()) {
                    rt.instance.onInterfaceChange(nowUp);
                }
                for (InstanceConfig.Track t : rt.config.trackers()) {
                    if (t.kind() == TrackKind.INTERFACE && t.name().equals(link.name())) {
                        rt.instance.onTrackerChange(TrackKind.INTERFACE, t.name(), nowUp);
                    }
                }
            }
        }
    }

    /**
     * The instance's VMAC was deleted by someone else: as keepalived 2.2.7 (observed) it is made
     * again (same name and MAC) and the advert socket bound to the old one is replaced; the new
     * link's "up" event takes the instance out of the FAULT the old one's going caused.
     */
    private void recreateVmac(Runtime rt) {
        InstanceConfig ic = rt.config;
        VmacManager.Vmac v;
        try {
            v = vmacs.recreate(rt.vmac, ic.ipv6() ? InetAddress.getByAddress(rt.source) : null);
        } catch (IOException e) {
            LOG.error("({}) Recreating VMAC interface {} failed: {}", ic.name(), rt.vmac, e.getMessage());
            return;
        }
        if (v == null) {
            return;
        }
        ifindexes.put(v.name(), v.index());
        linkStates.put(v.index(), false); // its "up" event tells the instance
        AdvertSocket old = rt.socket;
        if (old.ifname().equals(v.name())) {
            try {
                AdvertSocket s = AdvertSocket.open(v.name(), v.index(), ic.ipv6(), old.unicastSource(), ic.unicastTtl(),
                        old.isAh());
                EventLoop.Registration reg = registrations.remove(old);
                if (reg != null) {
                    reg.cancel();
                }
                old.close();
                sockets.put(new AdvertSocket.Key(v.name(), ic.ipv6(), old.unicastSource(), old.isAh()), s);
                byVrid.put(s, byVrid.remove(old));
                registrations.put(s, loop.register(s.fd(), ev -> s.drain(this::onDatagram)));
                for (Runtime other : instances) {
                    if (other.socket == old) {
                        other.socket = s;
                        setDestinations(other, null);
                        if (!ic.ipv6() && old.unicastSource() == null) {
                            s.multicastSource(InetAddress.getByAddress(other.source));
                        }
                    }
                }
            } catch (IOException e) {
                LOG.error("({}) Reopening the VRRP socket on {} failed: {}", ic.name(), v.name(), e.getMessage());
                return;
            }
        }
    }

    // ---- stop (loop thread)

    private void shutDown() {
        if (stopping) {
            return;
        }
        stopping = true;
        if (scripts != null) {
            scripts.stop();
        }
        if (files != null) {
            files.stop();
        }
        if (processes != null) {
            processes.stop();
        }
        for (Runtime rt : instances) {
            int prio = safePriority(rt.instance);
            try {
                rt.instance.stop(!context.dontReleaseVrrp());
            } catch (RuntimeException e) {
                LOG.warn("({}) stop failed: {}", rt.instance.name(), e.toString());
            }
            InstanceConfig ic = rt.config;
            notifyState(false, ic.name(), ic.notifyStop(), ic.notifyGeneric(), "STOP", prio, true);
        }
        // keepalived reports the groups' STOP after their members'
        for (SyncGroup g : syncGroups()) {
            Block gb = groupBlocks.get(g.name());
            notifyState(true, g.name(), gb == null ? null : gb.get(SyncGroupKeywords.NOTIFY_STOP),
                    gb == null ? null : gb.get(SyncGroupKeywords.NOTIFY), "STOP", 0, true);
        }
        removeStatic();
        close();
        exitCode = 0;
        loop.shutdown();
        exited.countDown();
    }

    private static int safePriority(VrrpInstance vi) {
        try {
            return vi.effectivePriority();
        } catch (RuntimeException e) {
            return vi.config().basePriority();
        }
    }

    private void close() {
        for (AdvertSocket s : sockets.values()) {
            s.close();
        }
        sockets.clear();
        if (announcer != null) {
            announcer.close();
        }
        fifos.forEach(NotifyFifo::close);
        fifoScripts.close();
        if (smtp != null) {
            smtp.close();
        }
        if (vmacs != null) {
            vmacs.close();
        }
        if (firewall != null) {
            firewall.close();
        }
        if (localIgmp != null) {
            localIgmp.close();
        }
        try {
            if (events != null) {
                events.close();
            }
            if (rtnl != null) {
                rtnl.close();
            }
        } catch (IOException e) {
            LOG.debug("close: {}", e.getMessage());
        }
    }

    // ---- dumps

    private void writeStats(boolean clear) {
        LOG.info("Printing {}VRRP stats for process({}) on signal", clear ? "and clearing " : "", Native.getpid());
        StringBuilder sb = new StringBuilder();
        for (Runtime rt : instances) {
            sb.append(rt.instance.stats().format(rt.instance.name()));
        }
        DumpFile.write(context.dumpDirectory(), "keepalived.stats", sb.toString());
        if (clear) {
            instances.forEach(rt -> rt.instance.stats().clear());
        }
    }

    private void writeData() {
        LOG.info("Printing VRRP data for process({}) on signal", Native.getpid());
        DumpFile.write(context.dumpDirectory(), VrrpDataDump.FILE, VrrpDataDump.render(dumpView()));
    }

    private void writeJson() {
        LOG.info("Printing VRRP as json for process({}) on signal", Native.getpid());
        if (!instances.isEmpty()) { // keepalived writes no JSON without instances
            DumpFile.write(context.dumpDirectory(), VrrpJsonDump.FILE, VrrpJsonDump.render(dumpView()));
        }
    }

    /** The daemon's state as the dump writers read it (loop thread). */
    private VrrpView dumpView() {
        Map<AdvertSocket, VrrpView.Socket> socks = new LinkedHashMap<>();
        for (AdvertSocket s : sockets.values()) {
            socks.put(s, new VrrpView.Socket(s.fd(), s.ifname(), s.isIpv6(), s.unicastSource(), s.isAh()));
        }
        Map<String, Block> blocks = new HashMap<>();
        config.vrrpInstances().forEach(b -> blocks.put(b.name(), b));
        List<VrrpView.Instance> list = new ArrayList<>();
        for (Runtime rt : instances) {
            String vmac = rt.vipDev.equals(rt.config.interfaceName()) ? null : rt.vipDev;
            list.add(new VrrpView.Instance(blocks.get(rt.config.name()), rt.config, rt.instance, vmac,
                    socks.get(rt.socket), rt.source, instanceAlerts.getOrDefault(rt.config.name(), false)));
        }
        List<Link> links = List.of();
        List<Address> addresses = new ArrayList<>();
        try {
            links = rtnl.links();
            addresses.addAll(rtnl.addresses(LinuxConstants.AF_INET));
            addresses.addAll(rtnl.addresses(LinuxConstants.AF_INET6));
        } catch (IOException e) {
            LOG.warn("Unable to list interfaces for the data dump: {}", e.getMessage());
        }
        return new VrrpView(config, list, List.copyOf(socks.values()), scripts::isGood, links, addresses);
    }

    /** Datagrams dropped by {@link AdvertPacket#decode} (all instances). */
    public long malformed() {
        return malformed;
    }

    public long unknownVrid() {
        return unknownVrid;
    }
}
