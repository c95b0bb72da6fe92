package keepalived.config.vrrp;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import keepalived.config.Block;
import keepalived.config.Host;
import keepalived.config.KeepalivedConfig;
import keepalived.config.Key;
import keepalived.config.Keyword;
import keepalived.config.Problems;
import keepalived.config.Schema;
import keepalived.config.Severity;
import keepalived.config.global.ScriptCheck;
import keepalived.config.net.IpAddress;
import keepalived.config.net.Route;
import keepalived.config.net.Rule;
import keepalived.config.net.StaticKeywords;

/** Top-level VRRP blocks: vrrp_script, track_file, vrrp_track_process, sync groups, garp_group, vrrp_instance. */
public final class VrrpKeywords {
    private VrrpKeywords() {
    }

    public static final Key<List<Block>> VRRP_INSTANCES = Key.of("vrrp_instance", List.of());
    public static final Key<List<Block>> VRRP_SCRIPTS = Key.of("vrrp_script", List.of());
    public static final Key<List<Block>> VRRP_SYNC_GROUPS = Key.of("vrrp_sync_group", List.of());
    public static final Key<List<Block>> TRACK_FILES = Key.of("track_file", List.of());
    public static final Key<List<Block>> TRACK_PROCESSES = Key.of("vrrp_track_process", List.of());

    /**
     * Set on a block whose name is missing where keepalived reports it and skips the block
     * (vrrp_instance, vrrp_sync_group, track_group): no later check looks at it.
     */
    public static final Key<Boolean> NAMELESS = Key.of("nameless", false);

    /** What keepalived does with a named block that has no name. */
    private enum NoName {
        /** reads the name unconditionally: "missing a parameter", parsing abandoned */
        ABORT,
        /** "X must have a name" and the block is skipped */
        SKIP,
        /** "X must have a name - skipping" and the block is skipped */
        SKIP_SAYING_SO
    }

    public static void install(Schema top) {
        top.blocks("track_group", TrackGroupKeywords.TRACK_GROUPS, TrackGroupKeywords.SCHEMA,
                named("track_group", NoName.SKIP_SAYING_SO))
                .owner(Keyword.Owner.VRRP).doc("instances followed by static entries");
        InterfaceKeywords.install(top);
        top.blocks("vrrp_script", VRRP_SCRIPTS, VrrpScriptKeywords.SCHEMA, named("vrrp_script", NoName.ABORT))
                .owner(Keyword.Owner.VRRP).doc("a tracked script");
        top.blocks("track_file", TRACK_FILES, TrackFileKeywords.SCHEMA, named("track_file", NoName.ABORT))
                .owner(Keyword.Owner.TRACK_FILE).doc("a tracked file holding a number");
        top.alias("vrrp_track_file", "track_file").owner(Keyword.Owner.TRACK_FILE);
        top.blocks("vrrp_track_process", TRACK_PROCESSES, TrackProcessKeywords.SCHEMA, named("vrrp_track_process", NoName.ABORT))
                .owner(Keyword.Owner.VRRP).doc("a tracked process");
        top.blocks("vrrp_sync_group", VRRP_SYNC_GROUPS, SyncGroupKeywords.SCHEMA, named("vrrp_sync_group", NoName.SKIP_SAYING_SO))
                .owner(Keyword.Owner.VRRP).doc("instances that change state together");
        top.blocks("garp_group", GarpGroupKeywords.GARP_GROUPS, GarpGroupKeywords.SCHEMA)
                .owner(Keyword.Owner.VRRP).doc("GARP pacing for a set of interfaces");
        top.blocks("vrrp_instance", VRRP_INSTANCES, VrrpInstanceKeywords.SCHEMA, named("vrrp_instance", NoName.SKIP))
                .owner(Keyword.Owner.VRRP).doc("a VRRP virtual router");
        top.implemented("vrrp_instance", "vrrp_script", "vrrp_sync_group", "track_file", "vrrp_track_file",
                "vrrp_track_process", "garp_group");
        // keepalived.vrrp.StaticTrackGroups: the group's instances track the static entries' interfaces
        top.implemented("track_group");
    }

    /** Header handler of named blocks: checks the name, stamps the parse order (see {@link ParseOrder}). */
    private static Keyword.Handler named(String what, NoName noName) {
        return (b, a) -> {
            if (!a.has(1)) {
                switch (noName) {
                    case ABORT -> a.required(1);
                    case SKIP -> a.error(what + " must have a name");
                    case SKIP_SAYING_SO -> a.error(what + " must have a name - skipping");
                    default -> throw new IllegalStateException();
                }
                b.set(NAMELESS, true, a.origin());
            }
            b.set(ParseOrder.DEFINED, (long) a.position(), a.origin());
        };
    }

    /** The blocks keepalived keeps (those with a name). */
    static List<Block> named(List<Block> blocks) {
        return blocks.stream().filter(b -> !b.get(NAMELESS)).toList();
    }

    static List<Block> instances(KeepalivedConfig config) {
        return named(config.vrrpInstances());
    }

    static List<Block> syncGroups(KeepalivedConfig config) {
        return named(config.syncGroups());
    }

    /** The first block named {@code name}, or null. */
    static Block find(List<Block> blocks, String name) {
        for (Block b : blocks) {
            if (name.equals(b.name())) {
                return b;
            }
        }
        return null;
    }

    public static void validate(KeepalivedConfig config, Host host, Problems problems) {
        Block root = config.root();
        boolean[] missingIf = {false};
        Set<String> seen = new HashSet<>();
        for (Block b : root.blocks(TRACK_FILES)) {
            duplicate(b, seen, "track_file", problems);
        }
        if (StaticKeywords.checkInterfaces(root.get(StaticKeywords.STATIC_ADDRESSES), host, problems)) {
            missingIf[0] = true;
        }
        staticTrackGroups(config, problems);
        for (InterfaceKeywords.Linkbeat l : root.get(InterfaceKeywords.LINKBEAT_INTERFACES)) {
            if (!host.interfaceExists(l.ifname())) {
                problems.error(l.origin(), "unknown interface " + l.ifname() + " specified for linkbeat interface");
            }
        }
        for (InterfaceKeywords.UpDownDelay d : root.get(InterfaceKeywords.UP_DOWN_DELAYS)) {
            if (!host.interfaceExists(d.ifname())) {
                problems.error(d.origin(), "unknown interface " + d.ifname() + " specified for up/down delay");
            }
        }
        Map<String, Block> instances = new HashMap<>();
        for (Block vi : instances(config)) {
            if (instances.putIfAbsent(vi.name(), vi) != null) {
                problems.error(vi.origin(), "vrrp instance " + vi.name() + " already defined");
                continue;
            }
            VrrpInstanceChecks.check(vi, config, host, problems, missingIf);
        }
        syncGroups(config, instances, problems);
        if (missingIf[0]) {
            problems.report(Severity.BAD_INTERFACE, null, "Non-existent interface specified in configuration");
        }
        scriptSecurity(config, problems);
    }

    private static void duplicate(Block b, Set<String> seen, String what, Problems p) {
        if (!seen.add(b.name())) {
            p.error(b.origin(), what + " " + b.name() + " already defined");
        }
    }

    private static void syncGroups(KeepalivedConfig config, Map<String, Block> instances, Problems p) {
        Map<String, String> memberOf = new HashMap<>();
        for (Block sg : syncGroups(config)) {
            String name = sg.name();
            SyncGroupChecks.check(sg, config, instances, memberOf, p);
            VrrpInstanceChecks.trackRefs(name, sg.get(SyncGroupKeywords.TRACK_SCRIPT), sg.get(SyncGroupKeywords.TRACK_FILE),
                    sg.get(SyncGroupKeywords.TRACK_PROCESS), sg.get(SyncGroupKeywords.TRACK_BFD), config, p);
        }
    }

    private static void staticTrackGroups(KeepalivedConfig config, Problems p) {
        Block root = config.root();
        Set<String> vis = new HashSet<>();
        instances(config).forEach(v -> vis.add(v.name()));
        Set<String> groups = new HashSet<>();
        for (Block tg : named(root.blocks(TrackGroupKeywords.TRACK_GROUPS))) {
            if (!groups.add(tg.name())) {
                p.error(tg.origin(), "track_group " + tg.name() + " already defined");
                continue;
            }
            // keepalived only logs unknown members of a track group (not a config error under -t)
        }
        for (IpAddress a : root.get(StaticKeywords.STATIC_ADDRESSES)) {
            trackGroupRef(a.trackGroup(), a.origin(), groups, p);
        }
        for (Route r : root.get(StaticKeywords.STATIC_ROUTES)) {
            trackGroupRef(r.trackGroup(), r.origin(), groups, p);
        }
        for (Rule r : root.get(StaticKeywords.STATIC_RULES)) {
            trackGroupRef(r.trackGroup(), r.origin(), groups, p);
        }
    }

    private static void trackGroupRef(String group, keepalived.config.Origin o, Set<String> groups, Problems p) {
        if (group != null && !groups.contains(group)) {
            p.error(o, "track_group " + group + " not found");
        }
    }

    /**
     * keepalived vets every script once parsing is done: a missing one is dropped (a vrrp_script
     * with a message), an insecure vrrp_script is dropped under enable_script_security, and
     * without it any script left is a SECURITY VIOLATION (exit 6).
     */
    private static void scriptSecurity(KeepalivedConfig config, Problems p) {
        Block g = config.globalDefs();
        boolean security = VrrpInstanceChecks.globalBool(g, "enable_script_security");
        ScriptCheck.Tally tally = new ScriptCheck.Tally();
        for (Block vs : config.vrrpScripts()) {
            if (!VrrpScriptKeywords.usable(vs) || vs.get(NAMELESS)) {
                continue;
            }
            ScriptCheck.Status st = ScriptCheck.check(vs.get(VrrpScriptKeywords.SCRIPT).argv().get(0),
                    vs.get(VrrpScriptKeywords.USER), vs.get(VrrpScriptKeywords.GROUP), g);
            if (st == ScriptCheck.Status.NOT_FOUND) {
                p.error(null, "Disabling track script " + vs.name() + " since not found/accessible");
            } else if (!st.kept(security)) {
                p.error(null, "Disabling track script " + vs.name() + " due to insecure");
            }
            tally.add(st);
        }
        List<Key<NotifyScript>> instanceNotifies = List.of(VrrpInstanceKeywords.NOTIFY_MASTER,
                VrrpInstanceKeywords.NOTIFY_BACKUP, VrrpInstanceKeywords.NOTIFY_FAULT, VrrpInstanceKeywords.NOTIFY_STOP,
                VrrpInstanceKeywords.NOTIFY, VrrpInstanceKeywords.NOTIFY_MASTER_RX_LOWER_PRI,
                VrrpInstanceKeywords.NOTIFY_DELETED_SCRIPT);
        for (Block vi : instances(config)) {
            notifies(vi, instanceNotifies, g, tally);
        }
        List<Key<NotifyScript>> groupNotifies = List.of(SyncGroupKeywords.NOTIFY_MASTER, SyncGroupKeywords.NOTIFY_BACKUP,
                SyncGroupKeywords.NOTIFY_FAULT, SyncGroupKeywords.NOTIFY_STOP, SyncGroupKeywords.NOTIFY);
        for (Block sg : syncGroups(config)) {
            notifies(sg, groupNotifies, g, tally);
        }
        tally.report(p, "", security);
    }

    /** Notify scripts that fail the vetting are dropped silently (keepalived only logs it). */
    private static void notifies(Block b, List<Key<NotifyScript>> keys, Block g, ScriptCheck.Tally tally) {
        for (Key<NotifyScript> k : keys) {
            NotifyScript ns = b.get(k);
            if (ns != null) {
                tally.add(ScriptCheck.check(ns.argv().get(0), ns.user(), ns.group(), g));
            }
        }
    }
}
