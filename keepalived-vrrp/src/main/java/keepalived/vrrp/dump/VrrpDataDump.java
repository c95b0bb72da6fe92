package keepalived.vrrp.dump;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import keepalived.config.Block;
import keepalived.config.global.GlobalDefsKeywords;
import keepalived.config.net.IpAddress;
import keepalived.config.net.IpPrefix;
import keepalived.config.vrrp.NotifyScript;
import keepalived.config.vrrp.SyncGroupKeywords;
import keepalived.config.vrrp.UnicastPeer;
import keepalived.config.vrrp.VrrpInstanceKeywords;
import keepalived.config.vrrp.VrrpScriptKeywords;
import keepalived.daemon.GlobalDefsDump;
import keepalived.netlink.Address;
import keepalived.netlink.IfAddr;
import keepalived.netlink.Link;
import keepalived.vrrp.state.InstanceConfig;
import keepalived.vrrp.state.SyncGroup;
import keepalived.vrrp.state.TrackKind;
import keepalived.vrrp.state.VrrpInstance;
import keepalived.vrrp.state.VrrpState;

/**
 * SIGUSR1 in the VRRP process: {@code keepalived.data} in keepalived 2.2.7's layout (sections
 * Global definitions, VRRP Topology, VRRP Sockpool, VRRP Sync groups, VRRP Scripts, Interfaces;
 * {@code  Key = value} lines indented 1/3/5). Lines about machinery we do not have (debounce
 * timers, ARP sysctl bookkeeping, receive buffer sizes) keep their keys with our values.
 */
public final class VrrpDataDump {
    public static final String FILE = "keepalived.data";

    private final VrrpView view;
    private final StringBuilder out = new StringBuilder();

    private VrrpDataDump(VrrpView view) {
        this.view = view;
    }

    public static String render(VrrpView view) {
        return new VrrpDataDump(view).write();
    }

    private void l(int indent, String text) {
        out.append(" ".repeat(indent)).append(text).append('\n');
    }

    private void kv(int indent, String key, Object value) {
        l(indent, key + " = " + value);
    }

    private String write() {
        out.append(GlobalDefsDump.section(view.config(), true));
        out.append("------< VRRP Topology >------\n");
        for (VrrpView.Instance i : view.instances()) {
            instance(i);
        }
        out.append("------< VRRP Sockpool >------\n");
        for (VrrpView.Socket s : view.sockets()) {
            socket(s);
        }
        syncGroups();
        scripts();
        out.append("------< Interfaces >------\n");
        for (Link link : view.links()) {
            link(link);
        }
        return out.toString();
    }

    private void instance(VrrpView.Instance i) {
        InstanceConfig c = i.config();
        VrrpInstance vi = i.instance();
        kv(1, "VRRP Instance", c.name());
        kv(3, "VRRP Version", c.version());
        if (c.ipv6()) {
            l(3, "Using Native IPv6");
        }
        if (vi.syncGroup() != null) {
            kv(3, "Sync group", vi.syncGroup().name());
        }
        kv(3, "State", vi.state());
        List<String> flags = new ArrayList<>();
        if (c.unicast()) {
            flags.add("Using unicast");
        }
        if (c.owner()) {
            flags.add("Address owner");
        }
        // 2.2.7 prints "Flags:" with nothing under it for these (observed)
        boolean unnamed = i.vmac() != null || c.nopreempt();
        if (flags.isEmpty() && !unnamed) {
            l(3, "Flags: none");
        } else {
            l(3, "Flags:");
            flags.forEach(f -> l(5, f));
        }
        kv(3, "Wantstate", vi.wantState());
        kv(3, "Number of config faults", 0);
        kv(3, "Number of interface and track script faults", vi.faulted() ? 1 : 0);
        kv(3, "Number of track scripts init", 0);
        kv(3, "Last transition", Times.stamp(Times.epochMicros(vi.lastTransitionNs())));
        // keepalived prints its next read timer; ours is the advert (MASTER) or master-down period from now
        long nowUs = Times.epochMicros(System.nanoTime());
        long aheadUs = vi.state() == VrrpState.MASTER ? c.advertIntUs() : vi.masterDownIntervalUs();
        kv(3, "Read timeout", Times.stamp(nowUs + aheadUs));
        kv(3, "Master down timer", vi.masterDownIntervalUs() + " usecs");
        if (i.vmac() != null) {
            l(3, "Use VMAC, i/f name " + i.vmac() + ", is_up = " + linkUp(i.vmac()) + ", xmit_base = "
                    + i.block().get(VrrpInstanceKeywords.VMAC_XMIT_BASE));
            kv(3, "Interface", i.vmac() + ", vmac on " + c.interfaceName());
        } else {
            kv(3, "Interface", c.interfaceName());
        }
        kv(3, "Using src_ip", IpPrefix.format(addr(i.source())) + (c.srcIp() != null ? " (from configuration)" : ""));
        if (!c.unicast()) {
            l(3, "Multicast address " + IpPrefix.format(c.mcastGroup())
                    + (c.ipv6() ? ", ifindex " + ifindex(c.interfaceName()) : ""));
        }
        kv(3, "Gratuitous ARP delay", c.garpMasterDelayUs() / 1_000_000L);
        kv(3, "Gratuitous ARP repeat", c.garpMasterRepeat());
        kv(3, "Gratuitous ARP refresh", c.garpMasterRefreshUs() / 1_000_000L);
        kv(3, "Gratuitous ARP refresh repeat", c.garpMasterRefreshRepeat());
        kv(3, "Gratuitous ARP lower priority delay", c.garpLowerPrioDelayUs() / 1_000_000L);
        kv(3, "Gratuitous ARP lower priority repeat", c.garpLowerPrioRepeat());
        kv(3, "Down timer adverts", c.downTimerAdverts());
        kv(3, "Send advert after receive lower priority advert", !c.lowerPrioNoAdvert());
        kv(3, "Send advert after receive higher priority advert", c.higherPrioSendAdvert());
        kv(3, "Virtual Router ID", c.vrid());
        kv(3, "Priority", c.basePriority());
        kv(3, "Effective priority", vi.effectivePriority());
        kv(3, "Total priority", vi.effectivePriority());
        kv(3, "Advert interval", advertInterval(c.advertIntUs(), c.version()));
        kv(3, "Accept", c.accept() ? "enabled" : "disabled");
        kv(3, "Preempt", c.nopreempt() ? "disabled" : "enabled");
        if (c.preemptDelayUs() > 0) {
            kv(3, "Preempt delay", (c.preemptDelayUs() % 1_000_000L == 0 ? Long.toString(c.preemptDelayUs() / 1_000_000L)
                    : Double.toString(c.preemptDelayUs() / 1e6)) + " secs");
        }
        kv(3, "Promote_secondaries", i.block().get(VrrpInstanceKeywords.PROMOTE_SECONDARIES) ? "enabled" : "disabled");
        if (c.version() == 2) {
            kv(3, "Authentication type", c.authType() == null ? "none"
                    : c.authType() == keepalived.config.vrrp.AuthType.PASS ? "SIMPLE_PASSWORD" : "IPSEC_AH");
            if (c.authPass() != null && c.authType() == keepalived.config.vrrp.AuthType.PASS) {
                kv(3, "Password", c.authPass());
            }
        }
        boolean set = vi.state() == VrrpState.MASTER;
        if (!c.vips().isEmpty()) {
            l(3, "Virtual IP (" + c.vips().size() + "):");
            c.vips().forEach(a -> l(5, vip(a, vipDev(i), set)));
        }
        if (!c.evips().isEmpty()) {
            l(3, "Virtual IP Excluded :");
            c.evips().forEach(a -> l(5, vip(a, vipDev(i), set)));
        }
        if (c.unicast()) {
            kv(3, "Unicast TTL", c.unicastTtl());
            l(3, "Check unicast src : " + (c.checkUnicastSrc() ? "yes" : "no"));
            l(3, "Unicast Peer :");
            for (UnicastPeer p : c.unicastPeers()) {
                l(5, IpPrefix.format(p.address()) + " min_ttl " + (p.minTtl() == null ? 0 : p.minTtl())
                        + " max_ttl " + (p.maxTtl() == null ? 255 : p.maxTtl()));
            }
            kv(3, "Unicast checksum compatibility", c.v3ChecksumAsV2() ? "yes" : "no");
        }
        l(3, "fd_in " + i.socket().fd() + ", fd_out " + i.socket().fd());
        if (!c.vroutes().isEmpty()) {
            l(3, "Virtual Routes :");
            c.vroutes().forEach(r -> l(5, r.toString())); // our route syntax, not 2.2.7's
        }
        if (!c.vrules().isEmpty()) {
            l(3, "Virtual Rules :");
            c.vrules().forEach(r -> l(5, r.toString()));
        }
        tracked(c, TrackKind.INTERFACE, "Tracked interfaces :");
        tracked(c, TrackKind.SCRIPT, "Tracked scripts :");
        tracked(c, TrackKind.FILE, "Tracked files :");
        tracked(c, TrackKind.PROCESS, "Tracked processes :");
        l(3, "Using smtp notification = " + (i.smtpAlert() ? "yes" : "no"));
        kv(3, "Notify deleted", i.block().get(VrrpInstanceKeywords.NOTIFY_DELETED) ? "Deleted" : "Fault");
        script("Backup state transition script", c.notifyBackup());
        script("Master state transition script", c.notifyMaster());
        script("Fault state transition script", c.notifyFault());
        script("Stop state transition script", c.notifyStop());
        script("Deleted state transition script", i.block().get(VrrpInstanceKeywords.NOTIFY_DELETED_SCRIPT));
        script("Generic state transition script", c.notifyGeneric());
        script("Master rx lower pri script", c.notifyMasterRxLowerPri());
        kv(3, "Notify priority changes", c.notifyPriorityChanges());
    }

    /** The device a VIP line names: {@code vrrp.72@eth0} for a VMAC, as 2.2.7 prints it. */
    private static String vipDev(VrrpView.Instance i) {
        return i.vmac() != null ? i.vmac() + "@" + i.config().interfaceName() : i.config().interfaceName();
    }

    private boolean linkUp(String name) {
        return view.links().stream().anyMatch(k -> k.name().equals(name) && k.isUp());
    }

    private int ifindex(String name) {
        return view.links().stream().filter(k -> k.name().equals(name)).mapToInt(Link::index).findFirst().orElse(0);
    }

    /** {@code 10.99.0.101/24 dev eth0 scope global label eth0:1 set} */
    static String vip(IpAddress a, String defaultDev, boolean set) {
        StringBuilder sb = new StringBuilder(a.text());
        if (a.broadcast() != null) {
            sb.append(" brd ").append(a.broadcast());
        }
        sb.append(" dev ").append(a.dev() != null ? a.dev() : defaultDev);
        sb.append(" scope ").append(a.scope() != null ? a.scope() : a.isIpv6() && a.address().isLinkLocalAddress()
                ? "link" : "global");
        if (a.label() != null) {
            sb.append(" label ").append(a.label());
        }
        if (a.isIpv6()) {
            Long lft = a.preferredLft();
            sb.append(" preferred_lft ").append(lft == null || lft < 0 ? "forever" : lft.toString());
        }
        if (set) {
            sb.append(" set");
        }
        return sb.toString();
    }

    private void tracked(InstanceConfig c, TrackKind kind, String title) {
        List<InstanceConfig.Track> list = c.trackers().stream().filter(t -> t.kind() == kind).toList();
        if (list.isEmpty()) {
            return;
        }
        l(3, title);
        for (InstanceConfig.Track t : list) {
            l(5, t.name() + " weight " + (t.weight() == null ? 0 : t.weight()) + (t.reverse() ? " reverse" : ""));
        }
    }

    private void script(String title, NotifyScript s) {
        if (s == null) {
            return;
        }
        l(3, title + " = " + Scripts.quoted(s) + ", uid:gid " + uidGid(s.user(), s.group()));
    }

    private String uidGid(String user, String group) {
        if (user == null) {
            Block g = view.config().globalDefs();
            user = g == null ? null : g.get(GlobalDefsKeywords.SCRIPT_USER);
            group = g == null ? null : g.get(GlobalDefsKeywords.SCRIPT_GROUP);
        }
        return user == null ? "0:0" : GlobalDefsDump.ids(user, group);
    }

    private void socket(VrrpView.Socket s) {
        l(1, "fd_in " + s.fd() + " fd_out = " + s.fd());
        kv(3, "Interface", s.ifname());
        kv(3, "Family", s.ipv6() ? "IPv6" : "IPv4");
        kv(3, "Protocol", s.ah() ? "AH" : "VRRP");
        kv(3, "Type", s.unicastSource() != null ? "Unicast" : "Multicast");
        if (s.unicastSource() != null) {
            kv(3, "Address", IpPrefix.format(s.unicastSource()));
        }
        kv(3, "Rx buf size", 0);
        l(3, "VRRP instances");
        for (VrrpView.Instance i : view.instances()) {
            if (i.socket() == s) {
                l(5, i.config().name() + " vrid " + i.config().vrid());
            }
        }
    }

    private void syncGroups() {
        Map<String, SyncGroup> groups = new LinkedHashMap<>();
        for (VrrpView.Instance i : view.instances()) {
            SyncGroup g = i.instance().syncGroup();
            if (g != null) {
                groups.putIfAbsent(g.name(), g);
            }
        }
        if (groups.isEmpty()) {
            return;
        }
        out.append("------< VRRP Sync groups >------\n");
        for (Block b : view.config().syncGroups()) {
            SyncGroup g = groups.get(b.name());
            if (g == null) {
                continue;
            }
            l(1, "VRRP Sync Group = " + g.name() + ", " + g.state());
            int fault = 0;
            int init = 0;
            for (VrrpInstance m : g.members()) {
                fault += m.state() == VrrpState.FAULT ? 1 : 0;
                init += m.state() == VrrpState.INIT ? 1 : 0;
            }
            l(3, "Num member fault " + fault + ", num member init " + init);
            l(3, "VRRP member instances :");
            g.members().forEach(m -> l(5, m.name()));
            Boolean smtp = b.get(SyncGroupKeywords.SMTP_ALERT);
            l(3, "Using smtp notification = " + (smtp != null && smtp ? "yes" : "no"));
            script("Backup state transition script", b.get(SyncGroupKeywords.NOTIFY_BACKUP));
            script("Master state transition script", b.get(SyncGroupKeywords.NOTIFY_MASTER));
            script("Fault state transition script", b.get(SyncGroupKeywords.NOTIFY_FAULT));
            script("Stop state transition script", b.get(SyncGroupKeywords.NOTIFY_STOP));
            script("Generic state transition script", b.get(SyncGroupKeywords.NOTIFY));
        }
    }

    private void scripts() {
        boolean header = false;
        for (Block s : view.config().vrrpScripts()) {
            List<VrrpView.Instance> users = new ArrayList<>();
            int weight = s.get(VrrpScriptKeywords.WEIGHT);
            for (VrrpView.Instance i : view.instances()) {
                for (InstanceConfig.Track t : i.config().trackers()) {
                    if (t.kind() == TrackKind.SCRIPT && t.name().equals(s.name())) {
                        users.add(i);
                    }
                }
            }
            if (users.isEmpty()) {
                continue; // keepalived drops unused scripts ("Warning - script X is not used")
            }
            if (!header) {
                out.append("------< VRRP Scripts >------\n");
                header = true;
            }
            NotifyScript cmd = s.get(VrrpScriptKeywords.SCRIPT);
            boolean good = view.scriptGood().test(s.name());
            Long timeout = s.get(VrrpScriptKeywords.TIMEOUT);
            kv(1, "VRRP Script", s.name());
            kv(3, "Command", cmd == null ? "" : Scripts.quoted(cmd));
            kv(3, "Interval", s.get(VrrpScriptKeywords.INTERVAL) / 1_000_000L + " sec");
            kv(3, "Timeout", (timeout == null ? 0 : timeout / 1_000_000L) + " sec");
            kv(3, "Weight", weight);
            kv(3, "Rise", s.get(VrrpScriptKeywords.RISE));
            kv(3, "Fall", s.get(VrrpScriptKeywords.FALL));
            kv(3, "Result", good ? s.get(VrrpScriptKeywords.RISE) : 0);
            kv(3, "Insecure", "no");
            kv(3, "Init state", s.get(VrrpScriptKeywords.INIT_FAIL) ? "failed" : "unknown");
            kv(3, "Status", good ? "GOOD" : "BAD");
            kv(3, "Script uid:gid", uidGid(s.get(VrrpScriptKeywords.USER), s.get(VrrpScriptKeywords.GROUP)));
            l(3, "VRRP instances :");
            l(3, "Tracking instances :");
            for (VrrpView.Instance i : users) {
                for (InstanceConfig.Track t : i.config().trackers()) {
                    if (t.kind() == TrackKind.SCRIPT && t.name().equals(s.name())) {
                        l(5, i.config().name() + ", weight " + (t.weight() == null ? weight : t.weight())
                                + (t.reverse() ? " reverse" : ""));
                    }
                }
            }
            kv(3, "State", "idle");
        }
    }

    private void link(Link link) {
        kv(1, "Name", link.name());
        kv(3, "index", link.index());
        kv(3, "IPv4 address", firstAddress(link.index(), false));
        kv(3, "IPv6 address", firstAddress(link.index(), true));
        boolean loopback = (link.flags() & IFF_LOOPBACK) != 0;
        if (!loopback && link.mac() != null && link.mac().length > 0) {
            kv(3, "MAC", link.macString());
            kv(3, "MAC broadcast", "ff:ff:ff:ff:ff:ff");
        }
        kv(3, "State", state(link));
        kv(3, "Seen up", link.isUp() ? 1 : 0);
        kv(3, "Delayed state change running", false);
        kv(3, "Up debounce timer", "0us");
        kv(3, "Down debounce timer", "0us");
        boolean vmac = isVmac(link);
        if (vmac) {
            Link base = view.links().stream().filter(k -> k.index() == link.parentIndex()).findFirst().orElse(null);
            l(3, "VMAC type private, underlying interface = " + (base == null ? "?" : base.name() + ", state = "
                    + state(base)));
            l(3, "I/f created by keepalived");
        }
        kv(3, "MTU", link.mtu());
        kv(3, "HW Type", switch (link.type()) {
            case 1 -> "ETHERNET";
            case 772 -> "LOOPBACK";
            default -> "UNKNOWN (" + link.type() + ")";
        });
        l(3, "NIC netlink status update");
        l(3, "Reset ARP config counter 0");
        l(3, "Original arp_ignore 0");
        l(3, "Original arp_filter 0");
        if (vmac || vmacBase(link)) {
            l(3, "rp_filter " + sysctl("net/ipv4/conf/" + link.name() + "/rp_filter"));
        }
        l(3, "Original promote_secondaries 0");
        l(3, "Reset promote_secondaries counter 0");
        if (usedByIpv6(link)) {
            boolean fwd = "1".equals(sysctl("net/ipv6/conf/" + link.name() + "/forwarding"));
            long now = Times.epochMicros(System.nanoTime());
            l(3, (fwd ? "IPv6 forwarding" : "Not IPv6 forwarding") + ". Last checked " + Times.seconds(now)
                    + " (" + Times.ctimeWithMicros(now) + ")");
        }
        List<String> tracking = new ArrayList<>();
        for (VrrpView.Instance i : view.instances()) {
            InstanceConfig c = i.config();
            if (link.name().equals(c.interfaceName()) || link.name().equals(i.vmac())) {
                tracking.add(c.name() + ", weight 0");
                continue;
            }
            for (InstanceConfig.Track t : c.trackers()) {
                if (t.kind() == TrackKind.INTERFACE && t.name().equals(link.name())) {
                    tracking.add(c.name() + ", weight " + (t.weight() == null ? 0 : t.weight()));
                }
            }
        }
        if (!tracking.isEmpty()) {
            l(3, "Tracking VRRP instances :");
            tracking.forEach(t -> l(5, t));
        }
    }

    private static String state(Link link) {
        StringBuilder state = new StringBuilder((link.flags() & IFF_UP) != 0 ? "UP" : "DOWN");
        if ((link.flags() & IFF_RUNNING) != 0) {
            state.append(", RUNNING");
        }
        if ((link.flags() & IFF_BROADCAST) == 0) {
            state.append(", no broadcast");
        }
        if ((link.flags() & IFF_LOOPBACK) != 0) {
            state.append(", loopback");
        }
        if ((link.flags() & IFF_MULTICAST) == 0) {
            state.append(", no multicast");
        }
        return state.toString();
    }

    private boolean isVmac(Link link) {
        return view.instances().stream().anyMatch(i -> link.name().equals(i.vmac()));
    }

    private boolean vmacBase(Link link) {
        return view.instances().stream().anyMatch(i -> i.vmac() != null && link.name().equals(i.config().interfaceName()));
    }

    private boolean usedByIpv6(Link link) {
        return view.instances().stream().anyMatch(i -> i.config().ipv6() && link.name().equals(i.config().interfaceName()));
    }

    private static String sysctl(String path) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys", path)).strip();
        } catch (java.io.IOException e) {
            return "0";
        }
    }

    private static final int IFF_UP = 0x1;
    private static final int IFF_BROADCAST = 0x2;
    private static final int IFF_LOOPBACK = 0x8;
    private static final int IFF_RUNNING = 0x40;
    private static final int IFF_MULTICAST = 0x1000;

    /**
     * The interface's own primary IPv4 address (never one of our VIPs) or its IPv6 link-local
     * address, as keepalived keeps them; {@code (none)} otherwise (lo's ::1 included).
     */
    private String firstAddress(int ifindex, boolean ipv6) {
        InetAddress fallback = null;
        for (Address a : view.addresses()) {
            if (a.ifindex() != ifindex || (a.address() instanceof Inet6Address) != ipv6 || isVip(a.address())) {
                continue;
            }
            if (ipv6) {
                if (a.address().isLinkLocalAddress()) {
                    return IpPrefix.format(a.address());
                }
            } else if (!a.hasFlag(IfAddr.IFA_F_SECONDARY)) {
                return IpPrefix.format(a.address());
            } else if (fallback == null) {
                fallback = a.address();
            }
        }
        return fallback == null ? "(none)" : IpPrefix.format(fallback);
    }

    private boolean isVip(InetAddress address) {
        for (VrrpView.Instance i : view.instances()) {
            for (List<IpAddress> l : List.of(i.config().vips(), i.config().evips())) {
                for (IpAddress v : l) {
                    if (v.address().equals(address)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** 2.2.7: VRRPv3 intervals in milliseconds ({@code 1000 milli-sec}), v2 in seconds. */
    static String advertInterval(long us, int version) {
        return version == 3 || us % 1_000_000L != 0 ? us / 1000L + " milli-sec" : us / 1_000_000L + " sec";
    }

    static InetAddress addr(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static boolean isV4(InetAddress a) {
        return a instanceof Inet4Address;
    }
}
