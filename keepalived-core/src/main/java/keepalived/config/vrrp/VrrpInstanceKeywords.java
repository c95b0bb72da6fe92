package keepalived.config.vrrp;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import keepalived.config.Args;
import keepalived.config.Block;
import keepalived.config.Key;
import keepalived.config.Problems;
import keepalived.config.Schema;
import keepalived.config.Severity;
import keepalived.config.Values;
import keepalived.config.net.IpAddress;
import keepalived.config.net.IpPrefix;
import keepalived.config.net.Route;
import keepalived.config.net.Rule;

/** Keyword table of {@code vrrp_instance NAME { }} (keepalived.conf(5), notes §2.15). */
public final class VrrpInstanceKeywords {
    private VrrpInstanceKeywords() {
    }

    public static final Key<VrrpState> STATE = Key.of("state", VrrpState.BACKUP);
    public static final Key<String> INTERFACE = Key.of("interface");
    public static final Key<Integer> VIRTUAL_ROUTER_ID = Key.of("virtual_router_id");
    /** Base priority; 255 = address owner. keepalived makes it 255 for {@code state MASTER} without one. */
    public static final Key<Integer> PRIORITY = Key.of("priority", 100);
    /** Advertisement interval in microseconds. */
    public static final Key<Long> ADVERT_INT = Key.of("advert_int", 1_000_000L);
    public static final Key<AuthType> AUTH_TYPE = Key.of("auth_type");
    /** At most 8 characters (longer passwords are truncated, as keepalived does). */
    public static final Key<String> AUTH_PASS = Key.of("auth_pass");
    public static final Key<List<IpAddress>> VIRTUAL_IPADDRESS = Key.of("virtual_ipaddress", List.of());
    public static final Key<List<IpAddress>> VIRTUAL_IPADDRESS_EXCLUDED = Key.of("virtual_ipaddress_excluded", List.of());
    public static final Key<Boolean> NO_VIRTUAL_IPADDRESS = Key.of("no_virtual_ipaddress", false);
    public static final Key<List<Route>> VIRTUAL_ROUTES = Key.of("virtual_routes", List.of());
    public static final Key<List<Rule>> VIRTUAL_RULES = Key.of("virtual_rules", List.of());
    public static final Key<List<TrackRef>> TRACK_INTERFACE = Key.of("track_interface", List.of());
    public static final Key<List<TrackRef>> TRACK_SCRIPT = Key.of("track_script", List.of());
    public static final Key<List<TrackRef>> TRACK_FILE = Key.of("track_file", List.of());
    public static final Key<List<TrackRef>> TRACK_PROCESS = Key.of("track_process", List.of());
    public static final Key<List<TrackRef>> TRACK_BFD = Key.of("track_bfd", List.of());
    public static final Key<Boolean> NOPREEMPT = Key.of("nopreempt", false);
    /** Microseconds; 0 = no delay. */
    public static final Key<Long> PREEMPT_DELAY = Key.of("preempt_delay", 0L);
    /** unicast_src_ip / mcast_src_ip. */
    public static final Key<InetAddress> SRC_IP = Key.of("unicast_src_ip");
    public static final Key<InetAddress> MCAST_DST_IP = Key.of("mcast_dst_ip");
    public static final Key<List<UnicastPeer>> UNICAST_PEERS = Key.of("unicast_peer", List.of());
    public static final Key<Integer> UNICAST_TTL = Key.of("unicast_ttl", 255);
    public static final Key<Boolean> UNICAST_FAULT_NO_PEER = Key.of("unicast_fault_no_peer", false);
    public static final Key<Boolean> CHECK_UNICAST_SRC = Key.of("check_unicast_src", false);
    /** "config" for a bare {@code old_unicast_checksum}, "never" for {@code never}. */
    public static final Key<String> OLD_UNICAST_CHECKSUM = Key.of("old_unicast_checksum");
    /** 2 or 3; null = global vrrp_version (or 3 for IPv6). */
    public static final Key<Integer> VERSION = Key.of("version");
    /** The words after {@code use_vmac} ([NAME] [MAC] ...); null when no VMAC. */
    public static final Key<List<String>> USE_VMAC = Key.of("use_vmac");
    public static final Key<Boolean> USE_VMAC_ADDR = Key.of("use_vmac_addr", false);
    public static final Key<Boolean> VMAC_XMIT_BASE = Key.of("vmac_xmit_base", false);
    /** The words after {@code use_ipvlan}; null when not used. */
    public static final Key<List<String>> USE_IPVLAN = Key.of("use_ipvlan");
    public static final Key<String> VRF = Key.of("vrf");
    public static final Key<Boolean> NATIVE_IPV6 = Key.of("native_ipv6", false);
    public static final Key<Boolean> PROMOTE_SECONDARIES = Key.of("promote_secondaries", false);
    public static final Key<Boolean> LINKBEAT_USE_POLLING = Key.of("linkbeat_use_polling", false);
    public static final Key<Long> KERNEL_RX_BUF_SIZE = Key.of("kernel_rx_buf_size");
    /** null = default (accept unless strict). */
    public static final Key<Boolean> ACCEPT = Key.of("accept");
    /** null = global vrrp_strict. */
    public static final Key<Boolean> STRICT_MODE = Key.of("strict_mode");
    public static final Key<Boolean> SKIP_CHECK_ADV_ADDR = Key.of("skip_check_adv_addr");
    public static final Key<Boolean> DONT_TRACK_PRIMARY = Key.of("dont_track_primary", false);
    public static final Key<Boolean> TRACK_SRC_IP = Key.of("track_src_ip", false);
    /** GARP tuning, null = the global value. Delays and refresh in seconds. */
    public static final Key<Integer> GARP_MASTER_DELAY = Key.of("garp_master_delay");
    public static final Key<Integer> GARP_MASTER_REPEAT = Key.of("garp_master_repeat");
    public static final Key<Integer> GARP_MASTER_REFRESH = Key.of("garp_master_refresh");
    public static final Key<Integer> GARP_MASTER_REFRESH_REPEAT = Key.of("garp_master_refresh_repeat");
    public static final Key<Integer> GARP_LOWER_PRIO_DELAY = Key.of("garp_lower_prio_delay");
    public static final Key<Integer> GARP_LOWER_PRIO_REPEAT = Key.of("garp_lower_prio_repeat");
    /** Seconds between GARPs on extra (VMAC base) interfaces; with {@link #GARP_EXTRA_IF_ALL}. */
    public static final Key<Integer> GARP_EXTRA_IF = Key.of("garp_extra_if");
    public static final Key<Boolean> GARP_EXTRA_IF_ALL = Key.of("garp_extra_if_all", false);
    public static final Key<Integer> DOWN_TIMER_ADVERTS = Key.of("down_timer_adverts");
    public static final Key<Boolean> LOWER_PRIO_NO_ADVERT = Key.of("lower_prio_no_advert");
    public static final Key<Boolean> HIGHER_PRIO_SEND_ADVERT = Key.of("higher_prio_send_advert");
    public static final Key<Boolean> OWNER_IGNORE_ADVERTS = Key.of("owner_ignore_adverts", false);
    /** timer_expired_backup [PRIO]: 0 when given without a priority; null when absent. */
    public static final Key<Integer> TIMER_EXPIRED_BACKUP = Key.of("timer_expired_backup");
    public static final Key<NotifyScript> NOTIFY_MASTER = Key.of("notify_master");
    public static final Key<NotifyScript> NOTIFY_BACKUP = Key.of("notify_backup");
    public static final Key<NotifyScript> NOTIFY_FAULT = Key.of("notify_fault");
    public static final Key<NotifyScript> NOTIFY_STOP = Key.of("notify_stop");
    /** notify_deleted: send DELETED rather than FAULT; the script is optional. */
    public static final Key<Boolean> NOTIFY_DELETED = Key.of("notify_deleted", false);
    public static final Key<NotifyScript> NOTIFY_DELETED_SCRIPT = Key.of("notify_deleted_script");
    public static final Key<NotifyScript> NOTIFY = Key.of("notify");
    public static final Key<NotifyScript> NOTIFY_MASTER_RX_LOWER_PRI = Key.of("notify_master_rx_lower_pri");
    public static final Key<Boolean> NOTIFY_PRIORITY_CHANGES = Key.of("notify_priority_changes");
    public static final Key<Boolean> SMTP_ALERT = Key.of("smtp_alert");
    public static final Key<Integer> DEBUG = Key.of("debug", 0);
    public static final Key<String> LVS_SYNC_DAEMON_INTERFACE = Key.of("lvs_sync_daemon_interface");
    /** auth_hmac { } (keepalived 2.4.2+). */
    public static final Key<Block> AUTH_HMAC = Key.of("auth_hmac");

    public static final Schema SCHEMA = new Schema("vrrp_instance");
    public static final Schema AUTHENTICATION = new Schema("authentication");
    public static final Schema AUTH_HMAC_SCHEMA = new Schema("auth_hmac");

    static {
        Schema s = SCHEMA;
        s.custom("state", (b, a) -> {
            String w = a.required(1);
            switch (w) {
                case "MASTER" -> b.set(STATE, VrrpState.MASTER, a.origin());
                case "BACKUP" -> {
                    if (b.get(STATE) == VrrpState.MASTER && b.isSet(STATE)) {
                        a.error(who(b) + "state previously set as MASTER - ignoring BACKUP");
                    } else {
                        b.set(STATE, VrrpState.BACKUP, a.origin());
                    }
                }
                default -> {
                    a.error(who(b) + "unknown state '" + w + "', defaulting to BACKUP");
                    b.set(STATE, VrrpState.BACKUP, a.origin());
                }
            }
        }).doc("MASTER|BACKUP: initial state wished (default BACKUP)");
        s.custom("interface", (b, a) -> {
            String w = a.required(1);
            if (w.length() > 15) {
                a.error("Interface name '" + w + "' too long - ignoring");
                return;
            }
            b.set(INTERFACE, w, a.origin());
        }).doc("IF the instance runs on");
        s.custom("virtual_router_id", (b, a) -> {
            Long v = a.integer(1, 1, 255);
            if (v == null) {
                a.error("(" + b.name() + "): VRID '" + a.word(1) + "' not valid - must be between 1 & 255");
            } else {
                b.set(VIRTUAL_ROUTER_ID, v.intValue(), a.origin());
            }
        }).doc("1..255 (required)");
        s.custom("priority", (b, a) -> {
            Long v = a.integer(1, 1, 255);
            if (v == null) {
                a.error(who(b) + "Priority not valid! must be between 1 & 255. Using default 100");
                b.set(PRIORITY, 100, a.origin());
            } else {
                b.set(PRIORITY, v.intValue(), a.origin());
            }
        }).doc("1..255 (default 100; 255 = address owner)");
        s.custom("advert_int", (b, a) -> {
            Double v = a.seconds(1, 0.01, 255);
            if (v == null) {
                a.error(who(b) + "Advert interval (" + a.word(1) + ") not valid! Must be > 0 - ignoring");
            } else {
                b.set(ADVERT_INT, Math.round(v * 1_000_000), a.origin());
            }
        }).doc("seconds between adverts (default 1)");
        s.inline("authentication", AUTHENTICATION).doc("{ auth_type PASS|AH; auth_pass STR } (VRRPv2 only)");
        AUTHENTICATION.custom("auth_type", (b, a) -> {
            String w = a.required(1);
            switch (w) {
                case "PASS" -> b.set(AUTH_TYPE, AuthType.PASS, a.origin());
                case "AH" -> b.set(AUTH_TYPE, AuthType.AH, a.origin());
                default -> a.error(who(b) + "unknown authentication type '" + w + "'");
            }
        }).doc("PASS|AH");
        AUTHENTICATION.custom("auth_pass", (b, a) -> {
            String w = a.required(1);
            if (w.length() > 8) {
                a.error("Truncating auth_pass to 8 characters");
                w = w.substring(0, 8);
            }
            b.set(AUTH_PASS, w, a.origin());
        }).doc("password (first 8 characters)");
        s.list("virtual_ipaddress", VIRTUAL_IPADDRESS, a -> IpAddress.parse(a, IpAddress.Context.VIRTUAL))
                .doc("VIPs, one address line per entry");
        s.list("virtual_ipaddress_excluded", VIRTUAL_IPADDRESS_EXCLUDED, a -> IpAddress.parse(a, IpAddress.Context.VIRTUAL))
                .doc("addresses moved with the VIPs but not advertised");
        s.bareFlag("no_virtual_ipaddress", NO_VIRTUAL_IPADDRESS).since("2.4").doc("silence the no-VIP warning");
        s.list("virtual_routes", VIRTUAL_ROUTES, a -> Route.parse(a, false)).doc("routes installed while MASTER");
        s.list("virtual_rules", VIRTUAL_RULES, a -> Rule.parse(a, false)).doc("rules installed while MASTER");
        TrackList.INTERFACE.declare(s, TRACK_INTERFACE);
        TrackList.SCRIPT.declare(s, TRACK_SCRIPT);
        TrackList.FILE.declare(s, TRACK_FILE);
        TrackList.PROCESS.declare(s, TRACK_PROCESS);
        TrackList.BFD.declare(s, TRACK_BFD);
        s.bareFlag("nopreempt", NOPREEMPT).doc("a higher priority backup does not take over");
        s.custom("preempt", (b, a) -> b.set(NOPREEMPT, false, a.origin())).noEffect().doc("backward compatibility");
        s.custom("preempt_delay", (b, a) -> {
            Double v = a.seconds(1, 0, 1000);
            if (v == null) {
                a.error(who(b) + "Preempt_delay not valid! must be between 0-1000");
                b.set(PREEMPT_DELAY, 0L, a.origin());
            } else {
                b.set(PREEMPT_DELAY, Math.round(v * 1_000_000), a.origin());
            }
        }).doc("seconds before preempting a lower priority master (0..1000)");
        s.custom("unicast_src_ip", VrrpInstanceKeywords::srcIp).doc("source address of adverts");
        s.alias("mcast_src_ip", "unicast_src_ip");
        s.custom("mcast_dst_ip", (b, a) -> {
            String w = a.required(1);
            InetAddress ip = IpPrefix.literal(w);
            if (ip == null) {
                a.error(who(b) + "malformed mcast dest address " + w + ". Skipping...");
            } else if (!ip.isMulticastAddress()) {
                a.error(who(b) + "mcast_dst_ip " + w + " not multicast. Skipping...");
            } else {
                b.set(MCAST_DST_IP, ip, a.origin());
            }
        }).doc("multicast group instead of 224.0.0.18 / ff02::12");
        s.listCustom("unicast_peer", UNICAST_PEERS, VrrpInstanceKeywords::peer).doc("{ IP [min_ttl N] [max_ttl N] }");
        s.custom("unicast_ttl", (b, a) -> {
            Long v = a.integer(1, 0, 255);
            if (v == null) {
                a.error("(" + b.name() + "): TTL '" + a.word(1) + "' not valid - must be between 0 & 255");
            } else {
                b.set(UNICAST_TTL, v.intValue(), a.origin());
            }
        }).doc("TTL of unicast adverts (255)");
        s.bareFlag("unicast_fault_no_peer", UNICAST_FAULT_NO_PEER).doc("FAULT instead of multicast without peers");
        s.bareFlag("check_unicast_src", CHECK_UNICAST_SRC).doc("drop adverts from non-peers");
        s.custom("old_unicast_checksum", (b, a) -> {
            if (!a.has(1)) {
                b.set(OLD_UNICAST_CHECKSUM, "config", a.origin());
            } else if (a.word(1).equals("never")) {
                b.set(OLD_UNICAST_CHECKSUM, "never", a.origin());
            } else {
                a.error(who(b) + "Unknown old_unicast_chksum mode " + a.word(1) + " - ignoring");
            }
        }).doc("[never]: pre-1.3.6 unicast checksum");
        s.custom("version", (b, a) -> {
            Long v = a.integer(1, 2, 3);
            if (v == null) {
                a.error("(" + b.name() + "): Version must be either 2 or 3");
            } else {
                b.set(VERSION, v.intValue(), a.origin());
            }
        }).doc("2|3");
        s.custom("use_vmac", (b, a) -> b.set(USE_VMAC, List.copyOf(a.from(1)), a.origin()))
                .doc("[NAME] [MAC]: run on a macvlan with the virtual MAC");
        s.bareFlag("use_vmac_addr", USE_VMAC_ADDR).doc("use the VMAC address on the base interface");
        s.bareFlag("vmac_xmit_base", VMAC_XMIT_BASE).doc("send adverts on the VMAC's base interface");
        s.custom("use_ipvlan", (b, a) -> b.set(USE_IPVLAN, List.copyOf(a.from(1)), a.origin()))
                .doc("[NAME] [IP] [bridge|private|vepa]");
        s.custom("vrf", (b, a) -> {
            String w = a.required(1);
            if (b.isSet(INTERFACE)) {
                a.error(who(b) + "Cannot specify VRF interface and interface - ignoring");
            } else if (b.isSet(VRF)) {
                a.error(who(b) + "VRF interface already specified as '" + b.get(VRF) + "' - ignoring");
            } else {
                b.set(VRF, w, a.origin());
            }
        }).doc("VRF interface");
        s.custom("native_ipv6", (b, a) -> {
            if (b.get(VIRTUAL_IPADDRESS).stream().anyMatch(ip -> !ip.isIpv6())
                    || (b.get(SRC_IP) != null && !(b.get(SRC_IP) instanceof java.net.Inet6Address))) {
                a.error(who(b) + "Cannot specify native_ipv6 with IPv4 addresses");
                return;
            }
            b.set(NATIVE_IPV6, true, a.origin());
        }).doc("force IPv6 (deprecated)");
        s.bareFlag("promote_secondaries", PROMOTE_SECONDARIES).doc("set promote_secondaries on the interface");
        s.custom("linkbeat_use_polling", (b, a) -> {
            a.error(who(b) + "'linkbeat_use_polling' in vrrp instance deprecated - use linkbeat_interfaces block");
            b.set(LINKBEAT_USE_POLLING, true, a.origin());
        }).replacedBy("linkbeat_interfaces");
        s.custom("kernel_rx_buf_size", (b, a) -> {
            Long v = a.has(1) ? Values.integer(a.word(1), 0, Long.MAX_VALUE, a.origin(), a.problems()) : null;
            if (v == null) {
                a.error(who(b) + "invalid kernel_rx_buf_size specified");
            } else {
                b.set(KERNEL_RX_BUF_SIZE, v, a.origin());
            }
        }).doc("receive buffer size");
        s.custom("accept", (b, a) -> b.set(ACCEPT, true, a.origin())).doc("accept packets for VIPs when not owner");
        s.custom("no_accept", (b, a) -> b.set(ACCEPT, false, a.origin())).doc("drop packets for VIPs when not owner");
        s.custom("strict_mode", (b, a) -> bool(b, a, STRICT_MODE, who(b) + "invalid strict_mode %s specified"))
                .doc("[BOOL] RFC strict checks");
        s.custom("skip_check_adv_addr", (b, a) -> bool(b, a, SKIP_CHECK_ADV_ADDR,
                who(b) + "invalid skip_check_adv_addr %s specified")).doc("[BOOL] check advert VIPs only on master change");
        s.bareFlag("dont_track_primary", DONT_TRACK_PRIMARY).doc("ignore the instance interface's link state");
        s.bareFlag("track_src_ip", TRACK_SRC_IP).doc("FAULT when the source address goes");
        garpSeconds(s, "garp_master_delay", GARP_MASTER_DELAY, "(%s): garp_master_delay '%s' invalid - ignoring");
        garpRepeat(s, "garp_master_repeat", GARP_MASTER_REPEAT, "(%s): garp_master_repeat '%s' invalid - ignoring",
                "(%s): garp_master_repeat must be greater than 0, setting to 1");
        s.custom("garp_master_refresh", (b, a) -> {
            Long v = a.integer(1, 0, 0xFFFFFFFFL);
            if (v == null) {
                a.error(String.format("(%s): Invalid garp_master_refresh '%s' - ignoring", b.name(), a.word(1)));
            } else {
                b.set(GARP_MASTER_REFRESH, v.intValue(), a.origin());
            }
        }).doc("seconds between periodic GARPs while MASTER (0 = off)");
        garpRepeat(s, "garp_master_refresh_repeat", GARP_MASTER_REFRESH_REPEAT,
                "(%s): garp_master_refresh_repeat '%s' invalid - ignoring",
                "(%s): garp_master_refresh_repeat must be greater than 0, setting to 1");
        garpSeconds(s, "garp_lower_prio_delay", GARP_LOWER_PRIO_DELAY, "(%s): garp_lower_prio_delay '%s' invalid - ignoring");
        garpRepeat(s, "garp_lower_prio_repeat", GARP_LOWER_PRIO_REPEAT, "(%s): Invalid garp_lower_prio_repeat '%s'", null);
        s.custom("garp_extra_if", (b, a) -> garpExtraIf(b, a, "garp_extra_if")).doc("[all] SECS");
        s.custom("vmac_garp_intvl", (b, a) -> {
            a.error("Keyword \"vmac_garp_intvl\" is deprecated - please use \"garp_extra_if\"");
            garpExtraIf(b, a, "vmac_garp_intvl");
        }).replacedBy("garp_extra_if");
        s.custom("down_timer_adverts", (b, a) -> {
            Long v = a.integer(1, 1, 100);
            if (v == null) {
                a.error("(" + b.name() + "): Invalid down_timer_adverts [1:100] '" + a.word(1) + "'");
            } else {
                b.set(DOWN_TIMER_ADVERTS, v.intValue(), a.origin());
            }
        }).doc("adverts missed before taking over (3)");
        s.custom("lower_prio_no_advert", (b, a) -> bool(b, a, LOWER_PRIO_NO_ADVERT,
                who(b) + "invalid lower_prio_no_advert %s specified")).doc("[BOOL]");
        s.custom("higher_prio_send_advert", (b, a) -> bool(b, a, HIGHER_PRIO_SEND_ADVERT,
                who(b) + "invalid higher_prio_send_advert %s specified")).doc("[BOOL]");
        s.bareFlag("owner_ignore_adverts", OWNER_IGNORE_ADVERTS).since("2.4").doc("priority 255 ignores adverts");
        s.custom("timer_expired_backup", (b, a) -> {
            Integer prio = 0;
            if (a.has(1)) {
                Long v = a.integer(1, 1, 254);
                if (v == null) {
                    return;
                }
                prio = v.intValue();
            }
            b.set(TIMER_EXPIRED_BACKUP, prio, a.origin());
        }).since("2.4").doc("[PRIO] with nopreempt: become backup when master's timer expires");
        s.alias("thread_timer_expired", "timer_expired_backup").since("2.4");
        notify(s, "notify_master", NOTIFY_MASTER);
        notify(s, "notify_backup", NOTIFY_BACKUP);
        notify(s, "notify_fault", NOTIFY_FAULT);
        notify(s, "notify_stop", NOTIFY_STOP);
        notify(s, "notify", NOTIFY);
        notify(s, "notify_master_rx_lower_pri", NOTIFY_MASTER_RX_LOWER_PRI);
        s.custom("notify_deleted", (b, a) -> {
            if (b.get(NOTIFY_DELETED)) {
                a.error(who(b) + "notify_deleted already specified - ignoring " + (a.has(1) ? a.word(1) : ""));
                return;
            }
            b.set(NOTIFY_DELETED, true, a.origin());
            NotifyScript ns = a.has(1) ? NotifyScript.parse(a) : null;
            if (ns != null) {
                b.set(NOTIFY_DELETED_SCRIPT, ns, a.origin());
            }
        }).doc("[SCRIPT]: report DELETED rather than FAULT");
        s.custom("notify_priority_changes", (b, a) -> bool(b, a, NOTIFY_PRIORITY_CHANGES,
                who(b) + "Invalid value '%s' for notify_priority_changes specified")).doc("[BOOL]");
        s.custom("smtp_alert", (b, a) -> bool(b, a, SMTP_ALERT, "Invalid vrrp_instance smtp_alert parameter %s"))
                .doc("[BOOL] e-mail on state changes");
        s.custom("debug", (b, a) -> {
            Long v = a.integer(1, 0, 4);
            if (v == null) {
                a.error(who(b) + "Debug value '" + a.word(1) + "' not valid; must be between 0-4");
            } else {
                b.set(DEBUG, v.intValue(), a.origin());
            }
        }).noEffect().doc("0..4, unused");
        s.custom("lvs_sync_daemon_interface", (b, a) -> {
            a.error(who(b) + "Specifying lvs_sync_daemon_interface against a vrrp is deprecated.");
            a.error(" ".repeat(b.name().length() + 2) + "Please use global lvs_sync_daemon");
            String w = a.required(1);
            if (b.isSet(LVS_SYNC_DAEMON_INTERFACE)) {
                a.error(who(b) + "lvs_sync_daemon_interface has already been specified as "
                        + b.get(LVS_SYNC_DAEMON_INTERFACE) + " - ignoring");
                return;
            }
            b.set(LVS_SYNC_DAEMON_INTERFACE, w, a.origin());
        }).replacedBy("lvs_sync_daemon");
        s.merged("auth_hmac", AUTH_HMAC, AUTH_HMAC_SCHEMA).since("2.4").doc("keepalived HMAC-SHA256 authentication");
        AuthHmac.declare(AUTH_HMAC_SCHEMA);
        s.onClose(VrrpInstanceChecks::complete);
    }

    static String who(Block.Builder b) {
        return "(" + b.name() + ") ";
    }

    private static void srcIp(Block.Builder b, Args a) {
        String w = a.required(1);
        InetAddress ip = IpPrefix.literal(w);
        if (ip == null) {
            a.error("Configuration error: VRRP instance[" + b.name() + "] malformed src address[" + w + "]. Skipping...");
            return;
        }
        b.set(SRC_IP, ip, a.origin());
    }

    private static void peer(Block.Builder b, Args a) {
        InetAddress ip = IpPrefix.literal(a.word(0));
        if (ip == null) {
            a.error("Configuration error: VRRP instance[" + b.name() + "] malformed unicast peer address["
                    + a.word(0) + "]. Skipping...");
            return;
        }
        Integer min = null;
        Integer max = null;
        for (int i = 1; i < a.size(); i += 2) {
            String w = a.word(i);
            if (!a.has(i + 1)) {
                a.error(who(b) + w + " is missing a value");
                break;
            }
            if (w.equals("min_ttl") || w.equals("max_ttl")) {
                Long v = a.integer(i + 1, 0, 255);
                if (v != null) {
                    if (w.equals("min_ttl")) {
                        min = v.intValue();
                    } else {
                        max = v.intValue();
                    }
                }
            } else {
                a.error(who(b) + "unknown unicast_peer option " + w);
            }
        }
        b.add(UNICAST_PEERS, new UnicastPeer(ip, min, max, a.origin()), a.origin());
    }

    private static void bool(Block.Builder b, Args a, Key<Boolean> key, String errorFormat) {
        if (!a.has(1)) {
            b.set(key, true, a.origin());
            return;
        }
        Boolean v = SyncGroupKeywords.bool(a.word(1));
        if (v == null) {
            a.error(String.format(errorFormat, a.word(1)));
        } else {
            b.set(key, v, a.origin());
        }
    }

    private static void garpSeconds(Schema s, String word, Key<Integer> key, String error) {
        s.custom(word, (b, a) -> {
            Long v = a.integer(1, 0, 4294);
            if (v == null) {
                a.error(String.format(error, b.name(), a.word(1)));
            } else {
                b.set(key, v.intValue(), a.origin());
            }
        }).doc("seconds (0..4294)");
    }

    private static void garpRepeat(Schema s, String word, Key<Integer> key, String error, String zero) {
        s.custom(word, (b, a) -> {
            String w = a.required(1);
            Long v = Values.integer(w, 0, 0xFFFFFFFFL, a.origin(), a.problems());
            if (v == null) {
                a.error(String.format(error, b.name(), w));
            } else if (v == 0 && zero != null) {
                a.error(String.format(zero, b.name()));
                b.set(key, 1, a.origin());
            } else {
                b.set(key, (int) Math.min(v, Integer.MAX_VALUE), a.origin());
            }
        }).doc("count");
    }

    private static void garpExtraIf(Block.Builder b, Args a, String word) {
        int i = 1;
        boolean all = false;
        if (a.has(i) && a.word(i).equals("all")) {
            all = true;
            i++;
        }
        if (!a.has(i)) {
            a.error("(" + b.name() + "): " + word + " specified without time - ignoring");
            return;
        }
        Long v = Values.integer(a.word(i), 0, 86400, a.origin(), a.problems());
        if (v == null) {
            a.error("(" + b.name() + "): " + word + " '" + a.word(i) + "' invalid - ignoring");
            return;
        }
        b.set(GARP_EXTRA_IF, v.intValue(), a.origin());
        b.set(GARP_EXTRA_IF_ALL, all, a.origin());
    }

    private static void notify(Schema s, String word, Key<NotifyScript> key) {
        s.custom(word, (b, a) -> {
            NotifyScript.requireCommand(a);
            if (b.isSet(key)) {
                a.error(who(b) + word + (word.equals("notify") ? " script" : " script") + " already specified - ignoring "
                        + a.word(1));
                return;
            }
            NotifyScript ns = NotifyScript.parse(a);
            if (ns != null) {
                b.set(key, ns, a.origin());
            }
        }).doc("SCRIPT [USER [GROUP]]");
    }

    /** Lower-cased keyword for messages that print it. */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Severity helper kept for checks that report interface problems. */
    static void badInterface(Problems p, keepalived.config.Origin o, String msg) {
        p.report(Severity.BAD_INTERFACE, o, msg);
    }

    // What keepalived-vrrp honours today (docs/compatibility.md); the rest is parsed and planned.
    static {
        SCHEMA.implemented("state", "interface", "virtual_router_id", "priority", "advert_int", "authentication",
                "virtual_ipaddress", "virtual_ipaddress_excluded", "nopreempt", "preempt_delay", "unicast_src_ip",
                "mcast_src_ip", "unicast_peer", "unicast_ttl", "check_unicast_src", "mcast_dst_ip", "version",
                "native_ipv6", "skip_check_adv_addr", "dont_track_primary", "down_timer_adverts",
                "garp_master_delay", "garp_master_repeat", "garp_master_refresh", "garp_master_refresh_repeat",
                "garp_lower_prio_delay", "garp_lower_prio_repeat", "lower_prio_no_advert",
                "higher_prio_send_advert", "track_interface", "track_script", "notify", "notify_master",
                "notify_backup", "notify_fault", "notify_stop", "notify_master_rx_lower_pri",
                "notify_priority_changes", "virtual_routes", "virtual_rules", "track_file", "track_process",
                "use_vmac", "vmac_xmit_base", "smtp_alert", "accept", "no_accept", "strict_mode", "use_vmac_addr");
        AUTHENTICATION.implemented("auth_type", "auth_pass");
        // VrrpInstance.configFault; VrrpDaemon.removeInstance
        SCHEMA.implemented("unicast_fault_no_peer", "notify_deleted");
        // VrrpInstance.onAdvert (2.4); VrrpInstanceChecks (2.4: only silences the no-VIP warning)
        SCHEMA.implemented("owner_ignore_adverts", "no_virtual_ipaddress");
        // as 2.2.7 runs it (observed): a source missing at start is FAULT for good, a removal is not acted on
        SCHEMA.implemented("track_src_ip");
        SCHEMA.implemented("garp_extra_if", "vmac_garp_intvl", "timer_expired_backup", "thread_timer_expired");
    }
}
