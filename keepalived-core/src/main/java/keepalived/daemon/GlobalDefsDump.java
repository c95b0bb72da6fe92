package keepalived.daemon;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import keepalived.config.Block;
import keepalived.config.Key;
import keepalived.config.KeepalivedConfig;
import keepalived.config.global.GarpExtraIf;
import keepalived.config.global.GlobalDefsKeywords;
import keepalived.config.global.RootKeywords;
import keepalived.config.net.IpPrefix;

/**
 * The {@code ------< Global definitions >------} section of keepalived 2.2.7's data dumps, with
 * its keys in its order (observed from Debian's 2.2.7, see docs/operations.md). The VRRP child's
 * copy ({@code vrrpChild}) has the values the VRRP process resolves: the default interface and
 * the lower-priority GARP settings (the parent prints them unresolved, 4294967295).
 *
 * <p>Lines for features keepalived-java does not have print what is true of us: no SNMP, no
 * DBus, no libnftnl ({@code libnftnl version none}).
 */
public final class GlobalDefsDump {
    private static final String UNSET_U32 = "4294967295";

    private final Block g;
    private final KeepalivedConfig config;
    private final StringBuilder out = new StringBuilder();

    private GlobalDefsDump(KeepalivedConfig config) {
        this.config = config;
        this.g = config.globalDefs();
    }

    public static String section(KeepalivedConfig config, boolean vrrpChild) {
        return new GlobalDefsDump(config).write(config.root(), vrrpChild);
    }

    private <T> T get(Key<T> key) {
        return g == null ? key.defaultValue() : g.get(key);
    }

    private boolean isSet(Key<?> key) {
        return g != null && g.isSet(key);
    }

    private void line(String key, Object value) {
        out.append(' ').append(key).append(" = ").append(value).append('\n');
    }

    private void text(String line) {
        out.append(' ').append(line).append('\n');
    }

    private String write(Block root, boolean vrrpChild) {
        out.append("------< Global definitions >------\n");
        String ns = root.get(RootKeywords.NET_NAMESPACE);
        line("Network namespace", ns == null ? "(default)" : ns);
        String nsIpvs = root.get(RootKeywords.NET_NAMESPACE_IPVS);
        line("Network namespace ipvs", nsIpvs == null ? "(main namespace)" : nsIpvs.isEmpty() ? "(default)" : nsIpvs);
        String routerId = get(GlobalDefsKeywords.ROUTER_ID);
        line("Router ID", routerId != null ? routerId : nodeName());
        if (isSet(GlobalDefsKeywords.SMTP_SERVER)) {
            line("Smtp server", g.get(GlobalDefsKeywords.SMTP_SERVER));
        }
        line("Default smtp_alert", tristate(GlobalDefsKeywords.SMTP_ALERT));
        line("Default smtp_alert_vrrp", tristate(GlobalDefsKeywords.SMTP_ALERT_VRRP));
        line("Default smtp_alert_checker", tristate(GlobalDefsKeywords.SMTP_ALERT_CHECKER));
        line("Checkers log all failures", get(GlobalDefsKeywords.CHECKER_LOG_ALL_FAILURES));
        if (get(GlobalDefsKeywords.RELOAD_CHECK_CONFIG)) {
            String log = get(GlobalDefsKeywords.RELOAD_CHECK_CONFIG_LOG);
            text(log == null ? "Test config before reload" : "Test config before reload, log to " + log);
        } else {
            text("No test config before reload");
        }
        line("Dynamic interfaces", get(GlobalDefsKeywords.DYNAMIC_INTERFACES));
        if (vrrpChild) {
            line("Default interface", get(GlobalDefsKeywords.DEFAULT_INTERFACE));
        }
        line("Disable local IGMP", get(GlobalDefsKeywords.DISABLE_LOCAL_IGMP) ? "yes" : "no");
        line("LVS flush", get(GlobalDefsKeywords.LVS_FLUSH));
        line("LVS flush on stop", isSet(GlobalDefsKeywords.LVS_FLUSH_ON_STOP)
                ? g.get(GlobalDefsKeywords.LVS_FLUSH_ON_STOP) : "disabled");
        line("FIFO write vrrp states on reload", get(GlobalDefsKeywords.FIFO_WRITE_VRRP_STATES_ON_RELOAD));
        line("VRRP notify priority changes", get(GlobalDefsKeywords.VRRP_NOTIFY_PRIORITY_CHANGES));
        line("VRRP IPv4 mcast group", IpPrefix.format(get(GlobalDefsKeywords.VRRP_MCAST_GROUP4)));
        line("VRRP IPv6 mcast group", IpPrefix.format(get(GlobalDefsKeywords.VRRP_MCAST_GROUP6)));
        line("Gratuitous ARP delay", get(GlobalDefsKeywords.VRRP_GARP_MASTER_DELAY) / 1_000_000L);
        line("Gratuitous ARP repeat", get(GlobalDefsKeywords.VRRP_GARP_MASTER_REPEAT));
        line("Gratuitous ARP refresh timer", get(GlobalDefsKeywords.VRRP_GARP_MASTER_REFRESH) / 1_000_000L);
        line("Gratuitous ARP refresh repeat", get(GlobalDefsKeywords.VRRP_GARP_MASTER_REFRESH_REPEAT));
        if (vrrpChild) {
            Block resolved = g;
            line("Gratuitous ARP lower priority delay", resolved == null
                    ? GlobalDefsKeywords.VRRP_GARP_MASTER_DELAY.defaultValue() / 1_000_000L
                    : GlobalDefsKeywords.garpLowerPrioDelay(resolved) / 1_000_000L);
            line("Gratuitous ARP lower priority repeat", resolved == null
                    ? GlobalDefsKeywords.VRRP_GARP_MASTER_REPEAT.defaultValue()
                    : GlobalDefsKeywords.garpLowerPrioRepeat(resolved));
        } else {
            line("Gratuitous ARP lower priority delay", isSet(GlobalDefsKeywords.VRRP_GARP_LOWER_PRIO_DELAY)
                    ? g.get(GlobalDefsKeywords.VRRP_GARP_LOWER_PRIO_DELAY) / 1_000_000L : UNSET_U32);
            line("Gratuitous ARP lower priority repeat", isSet(GlobalDefsKeywords.VRRP_GARP_LOWER_PRIO_REPEAT)
                    ? g.get(GlobalDefsKeywords.VRRP_GARP_LOWER_PRIO_REPEAT) : UNSET_U32);
        }
        line("Num adverts before down", get(GlobalDefsKeywords.VRRP_DOWN_TIMER_ADVERTS));
        GarpExtraIf extra = get(GlobalDefsKeywords.VRRP_GARP_EXTRA_IF);
        line("Gratuitous ARP for each secondary VMAC", extra == null ? "0s"
                : extra.intervalMicros() / 1_000_000L + "s" + (extra.allInterfaces() ? " all VMACs" : ""));
        Boolean lowerNoAdvert = get(GlobalDefsKeywords.VRRP_LOWER_PRIO_NO_ADVERT);
        Boolean higherSend = get(GlobalDefsKeywords.VRRP_HIGHER_PRIO_SEND_ADVERT);
        line("Send advert after receive lower priority advert", lowerNoAdvert == null || !lowerNoAdvert);
        line("Send advert after receive higher priority advert", higherSend != null && higherSend);
        line("Gratuitous ARP interval", seconds(get(GlobalDefsKeywords.VRRP_GARP_INTERVAL)));
        line("Gratuitous NA interval", seconds(get(GlobalDefsKeywords.VRRP_GNA_INTERVAL)));
        line("VRRP default protocol version", get(GlobalDefsKeywords.VRRP_VERSION));
        if (isSet(GlobalDefsKeywords.NFTABLES) || (vrrpChild && usesVmac(config))) {
            // the VRRP process takes keepalived's default table for VMACs (observed with use_vmac)
            String table = isSet(GlobalDefsKeywords.NFTABLES) ? g.get(GlobalDefsKeywords.NFTABLES) : null;
            line("nftables table name", table == null || table.isEmpty()
                    ? GlobalDefsKeywords.DEFAULT_NFTABLES_TABLE : table);
            line("nftables base chain priority", get(GlobalDefsKeywords.NFTABLES_PRIORITY));
            text(get(GlobalDefsKeywords.NFTABLES_IFINDEX) ? "nftables force use ifindex for link local IPv6"
                    : "nftables don't force use ifindex for link local IPv6");
        }
        text(get(GlobalDefsKeywords.NFTABLES_COUNTERS) ? "nftables with counters" : "nftables without counters");
        text("libnftnl version none"); // we program no nftables (2.2.7 prints its libnftnl's version)
        line("VRRP check unicast_src", get(GlobalDefsKeywords.VRRP_CHECK_UNICAST_SRC));
        line("VRRP skip check advert addresses", get(GlobalDefsKeywords.VRRP_SKIP_CHECK_ADV_ADDR));
        line("VRRP strict mode", get(GlobalDefsKeywords.VRRP_STRICT));
        line("Max auto priority", get(GlobalDefsKeywords.MAX_AUTO_PRIORITY));
        line("Min auto priority delay", get(GlobalDefsKeywords.MIN_AUTO_PRIORITY_DELAY) + " usecs");
        process("VRRP", GlobalDefsKeywords.VRRP_PRIORITY, GlobalDefsKeywords.VRRP_NO_SWAP,
                GlobalDefsKeywords.VRRP_RT_PRIORITY, GlobalDefsKeywords.VRRP_RLIMIT_RTTIME);
        process("Checker", GlobalDefsKeywords.CHECKER_PRIORITY, GlobalDefsKeywords.CHECKER_NO_SWAP,
                GlobalDefsKeywords.CHECKER_RT_PRIORITY, GlobalDefsKeywords.CHECKER_RLIMIT_RTTIME);
        process("BFD", GlobalDefsKeywords.BFD_PRIORITY, GlobalDefsKeywords.BFD_NO_SWAP,
                GlobalDefsKeywords.BFD_RT_PRIORITY, GlobalDefsKeywords.BFD_RLIMIT_RTTIME);
        // keepalived-java has no SNMP agent and no DBus service
        text("SNMP vrrp disabled");
        text("SNMP checker disabled");
        text("SNMP RFCv2 disabled");
        text("SNMP RFCv3 disabled");
        text("SNMP traps disabled");
        String snmp = get(GlobalDefsKeywords.SNMP_SOCKET);
        line("SNMP socket", snmp == null ? "default (unix:/var/agentx/master)" : snmp);
        text("DBus disabled");
        line("DBus service name", isSet(GlobalDefsKeywords.DBUS_SERVICE_NAME) ? g.get(GlobalDefsKeywords.DBUS_SERVICE_NAME) : "");
        text(get(GlobalDefsKeywords.ENABLE_SCRIPT_SECURITY) ? "Script security enabled" : "Script security disabled");
        text("Default script uid:gid " + scriptIds());
        bufs("vrrp_netlink_cmd_rcv_bufs", GlobalDefsKeywords.VRRP_NETLINK_CMD_RCV_BUFS,
                GlobalDefsKeywords.VRRP_NETLINK_CMD_RCV_BUFS_FORCE);
        bufs("vrrp_netlink_monitor_rcv_bufs", GlobalDefsKeywords.VRRP_NETLINK_MONITOR_RCV_BUFS,
                GlobalDefsKeywords.VRRP_NETLINK_MONITOR_RCV_BUFS_FORCE);
        bufs("process_monitor_rcv_bufs", GlobalDefsKeywords.PROCESS_MONITOR_RCV_BUFS,
                GlobalDefsKeywords.PROCESS_MONITOR_RCV_BUFS_FORCE);
        bufs("lvs_netlink_cmd_rcv_bufs", GlobalDefsKeywords.LVS_NETLINK_CMD_RCV_BUFS,
                GlobalDefsKeywords.LVS_NETLINK_CMD_RCV_BUFS_FORCE);
        bufs("lvs_netlink_monitor_rcv_bufs", GlobalDefsKeywords.LVS_NETLINK_MONITOR_RCV_BUFS,
                GlobalDefsKeywords.LVS_NETLINK_MONITOR_RCV_BUFS_FORCE);
        line("rs_init_notifies", get(GlobalDefsKeywords.RS_INIT_NOTIFIES) ? 1 : 0);
        line("no_checker_emails", get(GlobalDefsKeywords.NO_CHECKER_EMAILS) ? 1 : 0);
        line("rx_bufs_multiples", get(GlobalDefsKeywords.VRRP_RX_BUFS_MULTIPLIER));
        line("umask", String.format("%04o", isSet(GlobalDefsKeywords.UMASK) ? g.get(GlobalDefsKeywords.UMASK) : 0177));
        return out.toString();
    }

    private static boolean usesVmac(KeepalivedConfig config) {
        return config.vrrpInstances().stream()
                .anyMatch(b -> b.isSet(keepalived.config.vrrp.VrrpInstanceKeywords.USE_VMAC));
    }

    private String tristate(Key<Boolean> key) {
        return isSet(key) ? String.valueOf(g.get(key)) : "unset";
    }

    private void process(String name, Key<Integer> prio, Key<Boolean> noSwap, Key<Integer> rt, Key<Long> limit) {
        line(name + " process priority", get(prio));
        line(name + " don't swap", get(noSwap));
        Integer rtPrio = get(rt);
        line(name + " realtime priority", rtPrio == null ? 0 : rtPrio);
        line(name + " realtime limit", get(limit));
    }

    private void bufs(String name, Key<Long> size, Key<Boolean> force) {
        Long v = get(size);
        line(name, v == null ? 0 : v);
        line(name + "_force", get(force) ? 1 : 0);
    }

    private String scriptIds() {
        // script_user is resolved when scripts run; root (0:0) unless a user is named
        String user = get(GlobalDefsKeywords.SCRIPT_USER);
        if (user == null) {
            return "0:0";
        }
        String group = get(GlobalDefsKeywords.SCRIPT_GROUP);
        return ids(user, group);
    }

    /** uid:gid of a user (and group) from /etc/passwd and /etc/group; names if they cannot be resolved. */
    public static String ids(String user, String group) {
        String uid = user;
        String gid = group;
        try {
            for (String l : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = l.split(":");
                if (f.length > 3 && f[0].equals(user)) {
                    uid = f[2];
                    if (group == null) {
                        gid = f[3];
                    }
                }
            }
            if (group != null) {
                for (String l : Files.readAllLines(Path.of("/etc/group"))) {
                    String[] f = l.split(":");
                    if (f.length > 2 && f[0].equals(group)) {
                        gid = f[2];
                    }
                }
            }
        } catch (IOException e) {
            // keep the names
        }
        return uid + ":" + (gid == null ? "?" : gid);
    }

    private static String seconds(long micros) {
        return String.format(Locale.ROOT, "%f", micros / 1e6);
    }

    /** keepalived's default router_id: the node name up to its first dot. */
    static String nodeName() {
        try {
            String n = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            int dot = n.indexOf('.');
            return dot > 0 ? n.substring(0, dot) : n;
        } catch (IOException e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e2) {
                return "localhost";
            }
        }
    }
}
