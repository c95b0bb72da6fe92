package keepalived.config.check;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import keepalived.config.Block;
import keepalived.config.Host;
import keepalived.config.KeepalivedConfig;
import keepalived.config.Key;
import keepalived.config.Keyword;
import keepalived.config.Origin;
import keepalived.config.Problems;
import keepalived.config.Schema;
import keepalived.config.global.GlobalDefsKeywords;
import keepalived.config.global.ScriptCheck;
import keepalived.config.check.VirtualServerKeywords.Protocol;
import keepalived.config.check.VirtualServerKeywords.Service;

/** Top-level checker blocks: virtual_server_group, virtual_server, SSL; and their whole-config checks. */
public final class CheckKeywords {
    private CheckKeywords() {
    }

    public static final Key<List<Block>> VIRTUAL_SERVERS = Key.of("virtual_server", List.of());
    public static final Key<List<Block>> VIRTUAL_SERVER_GROUPS = Key.of("virtual_server_group", List.of());
    /** Every SSL block; keepalived uses the last one (each replaces the previous). */
    public static final Key<List<Block>> SSL = Key.of("SSL", List.of());

    public static void install(Schema top) {
        top.blocks("SSL", SSL, SslKeywords.SCHEMA).owner(Keyword.Owner.CHECK).doc("client TLS context for SSL_GET");
        top.blocks("virtual_server_group", VIRTUAL_SERVER_GROUPS, VirtualServerGroupKeywords.SCHEMA,
                (b, a) -> a.required(1)).owner(Keyword.Owner.CHECK).doc("addresses/fwmarks sharing one virtual server");
        top.blocks("virtual_server", VIRTUAL_SERVERS, VirtualServerKeywords.SCHEMA, VirtualServerKeywords::header)
                .owner(Keyword.Owner.CHECK).doc("an IPVS service and its real servers");
    }

    /** keepalived's checks of the parsed virtual servers (printed without a line unless noted). */
    public static void validate(KeepalivedConfig config, Host host, Problems problems) {
        Block root = config.root();
        List<Block> ssl = root.blocks(SSL);
        for (int i = 1; i < ssl.size(); i++) {
            problems.error(ssl.get(i).origin(), "SSL context already specified - replacing");
        }
        Map<String, Origin> bfds = new HashMap<>();
        for (Block b : config.bfdInstances()) {
            if (b.name() != null) {
                bfds.putIfAbsent(b.name(), b.origin());
            }
        }
        Set<String> trackFiles = trackFiles(root);
        for (Block vs : config.virtualServers()) {
            if (vs.isSet(VirtualServerKeywords.SERVICE)) {
                virtualServer(vs, config, bfds, trackFiles, problems);
            }
        }
        scriptSecurity(config, problems);
    }

    /**
     * The checker's vetting of its scripts (quorum_up/down, notify_up/down, misc_path): missing
     * ones are dropped silently; without enable_script_security any left is a SECURITY VIOLATION.
     */
    private static void scriptSecurity(KeepalivedConfig config, Problems problems) {
        Block g = config.globalDefs();
        ScriptCheck.Tally tally = new ScriptCheck.Tally();
        for (Block vs : config.virtualServers()) {
            vet(vs.get(VirtualServerKeywords.QUORUM_UP), null, g, tally);
            vet(vs.get(VirtualServerKeywords.QUORUM_DOWN), null, g, tally);
            for (Block rs : vs.blocks(VirtualServerKeywords.REAL_SERVERS)) {
                vet(rs.get(RealServerKeywords.NOTIFY_UP), null, g, tally);
                vet(rs.get(RealServerKeywords.NOTIFY_DOWN), null, g, tally);
                for (Block c : rs.blocks(RealServerKeywords.CHECKERS)) {
                    if (c.isSet(OtherCheckKeywords.MISC_PATH) && !c.get(OtherCheckKeywords.MISC_REMOVED)) {
                        vet(c.get(OtherCheckKeywords.MISC_PATH), c.get(OtherCheckKeywords.USER), g, tally);
                    }
                }
            }
        }
        tally.report(problems, "check ", g.get(GlobalDefsKeywords.ENABLE_SCRIPT_SECURITY));
    }

    private static void vet(ScriptCommand sc, List<String> user, Block g, ScriptCheck.Tally tally) {
        if (sc == null || sc.argv().isEmpty()) {
            return;
        }
        String u = user == null || user.isEmpty() ? null : user.get(0);
        String grp = user == null || user.size() < 2 ? null : user.get(1);
        tally.add(ScriptCheck.check(sc.argv().get(0), u, grp, g));
    }

    private static void virtualServer(Block vs, KeepalivedConfig config, Map<String, Origin> bfds, Set<String> trackFiles,
            Problems problems) {
        Service svc = vs.get(VirtualServerKeywords.SERVICE);
        boolean fwmarkOnly = svc.kind() == Service.Kind.FWMARK;
        List<VirtualServerGroupKeywords.Entry> groupEntries = List.of();
        if (svc.kind() == Service.Kind.GROUP) {
            for (Block g : config.virtualServerGroups()) {
                if (svc.group().equals(g.name())) {
                    groupEntries = g.get(VirtualServerGroupKeywords.ENTRIES);
                }
            }
            fwmarkOnly = !groupEntries.isEmpty() && groupEntries.stream().allMatch(VirtualServerGroupKeywords.Entry::isFwmark);
        }
        String name = VirtualServerKeywords.describe(vs);
        Protocol proto = vs.get(VirtualServerKeywords.PROTOCOL);
        if (fwmarkOnly) {
            if (proto != null) {
                problems.warning(null, "Warning: Virtual server " + name + ": protocol specified for fwmark - protocol will be ignored");
            }
        } else if (proto == null) {
            problems.error(null, "Virtual server " + name + ": no protocol set - defaulting to UDP");
            proto = Protocol.UDP;
        }
        String protoWord = proto == null ? "none" : proto.word();
        name = svc.kind() == Service.Kind.ADDRESS ? svc.address().describe(protoWord) : name;
        if (!vs.isSet(VirtualServerKeywords.LB_ALGO)) {
            problems.error(null, "Virtual server " + name + ": no scheduler set, setting default 'wlc'");
        }
        if (!vs.isSet(VirtualServerKeywords.LB_KIND)) {
            problems.error(null, "Virtual server " + name + ": no forwarding method set, setting default NAT");
        }
        boolean zeroPort = svc.kind() == Service.Kind.ADDRESS ? svc.address().port() == 0
                : groupEntries.stream().anyMatch(e -> !e.isFwmark() && e.port() == 0);
        if (zeroPort && !vs.isSet(VirtualServerKeywords.PERSISTENCE_TIMEOUT)) {
            problems.error(null, "Virtual server " + name + ": zero port only valid for persistent services - setting");
        }
        if (vs.get(VirtualServerKeywords.FLAGS).contains("ops") && proto != Protocol.UDP) {
            problems.error(null, "Virtual server " + name + ": one packet scheduling requires UDP - resetting");
        }

        Boolean v6 = VirtualServerKeywords.isIpv6(vs);
        Set<String> seen = new HashSet<>();
        long totalWeight = 0;
        int alive = 0;
        for (Block rs : vs.blocks(VirtualServerKeywords.REAL_SERVERS)) {
            ServerAddress addr = rs.get(RealServerKeywords.ADDRESS);
            if (addr == null) {
                continue;
            }
            Forwarding fwd = rs.get(RealServerKeywords.LVS_METHOD);
            boolean tunnel = fwd != null ? fwd.method() == Forwarding.Method.TUN
                    : vs.isSet(VirtualServerKeywords.LB_KIND) && vs.get(VirtualServerKeywords.LB_KIND).method() == Forwarding.Method.TUN;
            if (!tunnel) {
                if (v6 == null) {
                    v6 = addr.isIpv6();
                } else if (v6 != addr.isIpv6()) {
                    problems.error(rs.closeOrigin(), "Address family of virtual server and real server " + addr.text()
                            + " don't match - skipping real server.");
                    continue;
                }
            }
            String rsName = addr.describe(protoWord);
            if (!seen.add(addr.address().getHostAddress() + "/" + addr.port())) {
                problems.error(null, "VS " + name + ": real server " + rsName + " is duplicated - removing second rs");
                continue;
            }
            alive++;
            totalWeight += rs.isSet(RealServerKeywords.WEIGHT) ? rs.get(RealServerKeywords.WEIGHT) : vs.get(VirtualServerKeywords.WEIGHT);
            for (Block c : rs.blocks(RealServerKeywords.CHECKERS)) {
                checker(c, addr, rsName, bfds, trackFiles, problems);
            }
        }
        ServerAddress sorry = vs.get(VirtualServerKeywords.SORRY_SERVER);
        Forwarding sorryFwd = vs.get(VirtualServerKeywords.SORRY_SERVER_LVS_METHOD);
        if (sorry != null && v6 != null && v6 != sorry.isIpv6()
                && (sorryFwd == null || sorryFwd.method() != Forwarding.Method.TUN)) {
            problems.error(vs.closeOrigin(), "Address family of virtual server and sorry server " + sorry.text()
                    + " don't match - skipping sorry server.");
        }
        if (alive == 0) {
            problems.error(null, "Virtual server " + name + " has no real servers - ignoring");
            return;
        }
        long quorum = vs.get(VirtualServerKeywords.QUORUM);
        if (quorum > totalWeight) {
            problems.warning(null, "Warning - quorum " + quorum + " for " + name
                    + " exceeds total weight of real servers " + totalWeight + ", reducing quorum to " + totalWeight);
            quorum = totalWeight;
        }
        long hysteresis = vs.get(VirtualServerKeywords.HYSTERESIS);
        if (hysteresis >= quorum) {
            long h = (quorum - 1) & 0xFFFFFFFFL;
            problems.error(null, "Virtual server " + name + ": hysteresis " + hysteresis + " >= quorum " + quorum
                    + "; setting hysteresis to " + h);
        }
    }

    private static void checker(Block c, ServerAddress rs, String rsName, Map<String, Origin> bfds, Set<String> trackFiles,
            Problems problems) {
        switch (c.keyword()) {
            case "BFD_CHECK" -> {
                if (c.get(OtherCheckKeywords.BFD_NAME_INVALID)) {
                    problems.error(c.originOf(OtherCheckKeywords.BFD_NAME_INVALID),
                            "(" + rsName + ") BFD_CHECK - No or too many names specified - skipping checker");
                } else if (!c.isSet(OtherCheckKeywords.BFD_NAME)) {
                    problems.error(c.closeOrigin(), "(" + rsName + ") No name has been specified for BFD_CHECKER - skipping");
                } else if (!definedBefore(bfds.get(c.get(OtherCheckKeywords.BFD_NAME)),
                        c.originOf(OtherCheckKeywords.BFD_NAME))) {
                    problems.error(c.originOf(OtherCheckKeywords.BFD_NAME),
                            "(" + rsName + ") BFD_CHECK - BFD " + c.get(OtherCheckKeywords.BFD_NAME) + " not configured");
                }
            }
            case "FILE_CHECK" -> {
                String tf = c.get(OtherCheckKeywords.TRACK_FILE);
                if (tf != null && !trackFiles.contains(tf)) {
                    problems.error(c.originOf(OtherCheckKeywords.TRACK_FILE), "track_file " + tf + " not found");
                    tf = null;
                }
                if (tf == null) {
                    problems.error(c.closeOrigin(), "FILE_CHECK has no track_file specified - ignoring");
                }
            }
            default -> connection(c, rs, problems);
        }
    }

    private static void connection(Block c, ServerAddress rs, Problems problems) {
        java.net.InetAddress target = c.isSet(CheckerKeywords.CONNECT_IP) ? c.get(CheckerKeywords.CONNECT_IP) : rs.address();
        java.net.InetAddress bind = c.get(CheckerKeywords.BINDTO);
        if (bind != null && bind.getAddress().length != target.getAddress().length) {
            problems.error(c.originOf(CheckerKeywords.BINDTO), "bindto address " + bind.getHostAddress()
                    .replaceAll("(^|:)0(:0)+(:|$)", "::") + " does not match address family of connect_ip - skipping");
        }
        if (CheckValues.isLinkLocal(target) && !c.isSet(CheckerKeywords.BIND_IF)) {
            problems.error(c.closeOrigin(), "Checker link local address " + (c.isSet(CheckerKeywords.CONNECT_IP)
                    ? target.getHostAddress().replaceAll("(^|:)0(:0)+(:|$)", "::").replaceAll("%.*", "")
                    : rs.text()) + " requires a bind_if");
        }
    }

    /** The checker process looks BFD names up while parsing, so the instance must come first. */
    private static boolean definedBefore(Origin def, Origin use) {
        if (def == null) {
            return false;
        }
        // across files we cannot order lines; assume the include came first
        return !def.file().equals(use.file()) || def.line() < use.line();
    }

    /** The SSL block in force (the last one), or null. */
    public static Block ssl(KeepalivedConfig config) {
        List<Block> l = config.root().blocks(SSL);
        return l.isEmpty() ? null : l.get(l.size() - 1);
    }

    /** Names of the track_file (and old vrrp_track_file) blocks, wherever their table stores them. */
    @SuppressWarnings("unchecked")
    private static Set<String> trackFiles(Block root) {
        Set<String> names = new HashSet<>();
        for (Object v : root.values().values()) {
            if (v instanceof List<?> l) {
                for (Object o : l) {
                    if (o instanceof Block b && (b.keyword().equals("track_file") || b.keyword().equals("vrrp_track_file"))
                            && b.name() != null) {
                        names.add(b.name());
                    }
                }
            }
        }
        return names;
    }
}
