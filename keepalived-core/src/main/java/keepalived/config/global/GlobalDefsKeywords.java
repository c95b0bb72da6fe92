package keepalived.config.global;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import keepalived.config.Block;
import keepalived.config.Host;
import keepalived.config.KeepalivedConfig;
import keepalived.config.Key;
import keepalived.config.Problems;
import keepalived.config.Schema;
import keepalived.config.Severity;

/**
 * Keyword table of {@code global_defs} (keepalived's global_parser.c) and its typed settings.
 * Durations are Long microseconds, as keepalived keeps them; unset keys give keepalived's
 * defaults.
 */
public final class GlobalDefsKeywords {
    private GlobalDefsKeywords() {
    }

    public static final Key<Block> GLOBAL_DEFS = Key.of("global_defs");
    public static final Schema SCHEMA = new Schema("global_defs");

    // ---- identity and e-mail ----
    /** Default: the host name (resolved at run time). */
    public static final Key<String> ROUTER_ID = Key.of("router_id");
    public static final Key<List<String>> NOTIFICATION_EMAIL = Key.of("notification_email", List.of());
    /** Default: keepalived@HOSTNAME (resolved at run time). */
    public static final Key<String> NOTIFICATION_EMAIL_FROM = Key.of("notification_email_from");
    public static final Key<InetSocketAddress> SMTP_SERVER = Key.of("smtp_server");
    public static final Key<String> SMTP_HELO_NAME = Key.of("smtp_helo_name");
    public static final Key<Long> SMTP_CONNECT_TIMEOUT = Key.of("smtp_connect_timeout", 30_000_000L);
    /** Defaults for the per-object smtp_alert; null = not set globally. */
    public static final Key<Boolean> SMTP_ALERT = Key.of("smtp_alert");
    public static final Key<Boolean> SMTP_ALERT_VRRP = Key.of("smtp_alert_vrrp");
    public static final Key<Boolean> SMTP_ALERT_CHECKER = Key.of("smtp_alert_checker");
    public static final Key<Boolean> NO_EMAIL_FAULTS = Key.of("no_email_faults", false);
    public static final Key<Boolean> CHECKER_LOG_ALL_FAILURES = Key.of("checker_log_all_failures", false);
    public static final Key<Boolean> NO_CHECKER_EMAILS = Key.of("no_checker_emails", false);
    public static final Key<Boolean> RS_INIT_NOTIFIES = Key.of("rs_init_notifies", false);

    // ---- scripts ----
    public static final Key<Boolean> ENABLE_SCRIPT_SECURITY = Key.of("enable_script_security", false);
    /** The default script user; null = keepalived_script if it exists, else root. */
    public static final Key<String> SCRIPT_USER = Key.of("script_user");
    public static final Key<String> SCRIPT_GROUP = Key.of("script_group");
    public static final Key<Boolean> SET_SUPPLEMENTARY_GROUPS = Key.of("set_supplementary_groups", false);
    public static final Key<Boolean> USE_SYMLINK_PATHS = Key.of("use_symlink_paths", false);
    public static final Key<ScriptSpec> STARTUP_SCRIPT = Key.of("startup_script");
    public static final Key<ScriptSpec> SHUTDOWN_SCRIPT = Key.of("shutdown_script");
    public static final Key<Long> STARTUP_SCRIPT_TIMEOUT = Key.of("startup_script_timeout", 10_000_000L);
    public static final Key<Long> SHUTDOWN_SCRIPT_TIMEOUT = Key.of("shutdown_script_timeout", 10_000_000L);

    // ---- notify FIFOs ----
    public static final Key<NotifyFifo> NOTIFY_FIFO = Key.of("notify_fifo");
    public static final Key<ScriptSpec> NOTIFY_FIFO_SCRIPT = Key.of("notify_fifo_script");
    public static final Key<NotifyFifo> VRRP_NOTIFY_FIFO = Key.of("vrrp_notify_fifo");
    public static final Key<ScriptSpec> VRRP_NOTIFY_FIFO_SCRIPT = Key.of("vrrp_notify_fifo_script");
    public static final Key<NotifyFifo> LVS_NOTIFY_FIFO = Key.of("lvs_notify_fifo");
    public static final Key<ScriptSpec> LVS_NOTIFY_FIFO_SCRIPT = Key.of("lvs_notify_fifo_script");
    public static final Key<Boolean> VRRP_NOTIFY_PRIORITY_CHANGES = Key.of("vrrp_notify_priority_changes", false);
    public static final Key<Boolean> FIFO_WRITE_VRRP_STATES_ON_RELOAD = Key.of("fifo_write_vrrp_states_on_reload", false);

    // ---- process names and scheduling ----
    public static final Key<Boolean> PROCESS_NAMES = Key.of("process_names", false);
    public static final Key<String> PROCESS_NAME = Key.of("process_name");
    public static final Key<String> VRRP_PROCESS_NAME = Key.of("vrrp_process_name");
    public static final Key<String> CHECKER_PROCESS_NAME = Key.of("checker_process_name");
    public static final Key<String> BFD_PROCESS_NAME = Key.of("bfd_process_name");
    /** 0 = no automatic priority increase, -1 = also no warning. */
    public static final Key<Integer> MAX_AUTO_PRIORITY = Key.of("max_auto_priority", 0);
    public static final Key<Long> MIN_AUTO_PRIORITY_DELAY = Key.of("min_auto_priority_delay", 1_000_000L);
    public static final Key<Integer> VRRP_PRIORITY = Key.of("vrrp_priority", 0);
    public static final Key<Integer> CHECKER_PRIORITY = Key.of("checker_priority", 0);
    public static final Key<Integer> BFD_PRIORITY = Key.of("bfd_priority", 0);
    public static final Key<Boolean> VRRP_NO_SWAP = Key.of("vrrp_no_swap", false);
    public static final Key<Boolean> CHECKER_NO_SWAP = Key.of("checker_no_swap", false);
    public static final Key<Boolean> BFD_NO_SWAP = Key.of("bfd_no_swap", false);
    /** Real-time priority 1..99; null = normal scheduling. */
    public static final Key<Integer> VRRP_RT_PRIORITY = Key.of("vrrp_rt_priority");
    public static final Key<Integer> CHECKER_RT_PRIORITY = Key.of("checker_rt_priority");
    public static final Key<Integer> BFD_RT_PRIORITY = Key.of("bfd_rt_priority");
    public static final Key<List<Integer>> VRRP_CPU_AFFINITY = Key.of("vrrp_cpu_affinity", List.of());
    public static final Key<List<Integer>> CHECKER_CPU_AFFINITY = Key.of("checker_cpu_affinity", List.of());
    public static final Key<List<Integer>> BFD_CPU_AFFINITY = Key.of("bfd_cpu_affinity", List.of());
    /** RLIMIT_RTTIME in microseconds. */
    public static final Key<Long> VRRP_RLIMIT_RTTIME = Key.of("vrrp_rlimit_rttime", 10_000L);
    public static final Key<Long> CHECKER_RLIMIT_RTTIME = Key.of("checker_rlimit_rttime", 10_000L);
    public static final Key<Long> BFD_RLIMIT_RTTIME = Key.of("bfd_rlimit_rttime", 10_000L);

    // ---- VRRP defaults ----
    public static final Key<InetAddress> VRRP_MCAST_GROUP4 = Key.of("vrrp_mcast_group4", InetAddresses.V4_GROUP);
    public static final Key<InetAddress> VRRP_MCAST_GROUP6 = Key.of("vrrp_mcast_group6", InetAddresses.V6_GROUP);
    /** Interface of static addresses/routes with no dev (not checked when read). */
    public static final Key<String> DEFAULT_INTERFACE = Key.of("default_interface", "eth0");
    public static final Key<Integer> VRRP_VERSION = Key.of("vrrp_version", 2);
    public static final Key<Long> VRRP_GARP_MASTER_DELAY = Key.of("vrrp_garp_master_delay", 5_000_000L);
    public static final Key<Integer> VRRP_GARP_MASTER_REPEAT = Key.of("vrrp_garp_master_repeat", 5);
    /** 0 = no periodic refresh. */
    public static final Key<Long> VRRP_GARP_MASTER_REFRESH = Key.of("vrrp_garp_master_refresh", 0L);
    public static final Key<Integer> VRRP_GARP_MASTER_REFRESH_REPEAT = Key.of("vrrp_garp_master_refresh_repeat", 1);
    /** Unset = vrrp_garp_master_delay; see {@link #garpLowerPrioDelay(Block)}. */
    public static final Key<Long> VRRP_GARP_LOWER_PRIO_DELAY = Key.of("vrrp_garp_lower_prio_delay");
    /** Unset = vrrp_garp_master_repeat; see {@link #garpLowerPrioRepeat(Block)}. */
    public static final Key<Integer> VRRP_GARP_LOWER_PRIO_REPEAT = Key.of("vrrp_garp_lower_prio_repeat");
    public static final Key<Long> VRRP_GARP_INTERVAL = Key.of("vrrp_garp_interval", 0L);
    public static final Key<Long> VRRP_GNA_INTERVAL = Key.of("vrrp_gna_interval", 0L);
    /** One GARP/NA and no second burst (overrides master delay/repeat at run time). */
    public static final Key<Boolean> VRRP_MIN_GARP = Key.of("vrrp_min_garp", false);
    public static final Key<GarpExtraIf> VRRP_GARP_EXTRA_IF = Key.of("vrrp_garp_extra_if");
    public static final Key<Integer> VRRP_DOWN_TIMER_ADVERTS = Key.of("vrrp_down_timer_adverts", 3);
    /** Null = not set (strict mode then implies true). */
    public static final Key<Boolean> VRRP_LOWER_PRIO_NO_ADVERT = Key.of("vrrp_lower_prio_no_advert");
    public static final Key<Boolean> VRRP_HIGHER_PRIO_SEND_ADVERT = Key.of("vrrp_higher_prio_send_advert");
    public static final Key<Boolean> VRRP_CHECK_UNICAST_SRC = Key.of("vrrp_check_unicast_src", false);
    public static final Key<Boolean> VRRP_SKIP_CHECK_ADV_ADDR = Key.of("vrrp_skip_check_adv_addr", false);
    public static final Key<Boolean> VRRP_STRICT = Key.of("vrrp_strict", false);
    public static final Key<Boolean> VRRP_OWNER_IGNORE_ADVERTS = Key.of("vrrp_owner_ignore_adverts", false);
    public static final Key<Boolean> V3_CHECKSUM_AS_V2 = Key.of("v3_checksum_as_v2", false);
    public static final Key<Long> VRRP_STARTUP_DELAY = Key.of("vrrp_startup_delay", 0L);
    public static final Key<Long> VRRP_DELAY_AFTER_BOOT = Key.of("vrrp_delay_after_boot", 0L);
    public static final Key<Boolean> LOG_UNKNOWN_VRIDS = Key.of("log_unknown_vrids", false);
    public static final Key<String> VMAC_PREFIX = Key.of("vmac_prefix", "vrrp");
    /** Unset = vmac_prefix. */
    public static final Key<String> VMAC_ADDR_PREFIX = Key.of("vmac_addr_prefix");
    public static final Key<Boolean> DYNAMIC_INTERFACES = Key.of("dynamic_interfaces", false);
    public static final Key<Boolean> DYNAMIC_INTERFACES_ALLOW_IF_CHANGES = Key.of("dynamic_interfaces allow_if_changes", false);
    public static final Key<RxBufsPolicy> VRRP_RX_BUFS_POLICY = Key.of("vrrp_rx_bufs_policy");
    public static final Key<Long> VRRP_RX_BUFS_MULTIPLIER = Key.of("vrrp_rx_bufs_multiplier", 3L);

    // ---- firewall ----
    /** nftables table name; null = nftables not requested. */
    public static final Key<String> NFTABLES = Key.of("nftables");
    public static final Key<Integer> NFTABLES_PRIORITY = Key.of("nftables_priority", -1);
    public static final Key<Boolean> NFTABLES_COUNTERS = Key.of("nftables_counters", false);
    public static final Key<Boolean> NFTABLES_IFINDEX = Key.of("nftables_ifindex", false);
    public static final Key<String> NFTABLES_IPVS = Key.of("nftables_ipvs");
    public static final Key<Integer> NFTABLES_IPVS_PRIORITY = Key.of("nftables_ipvs_priority", -1);
    public static final Key<Long> NFTABLES_IPVS_START_FWMARK = Key.of("nftables_ipvs_start_fwmark", 1000L);
    public static final Key<Boolean> DISABLE_LOCAL_IGMP = Key.of("disable_local_igmp", false);
    public static final String DEFAULT_NFTABLES_TABLE = "keepalived";
    public static final String DEFAULT_NFTABLES_IPVS_TABLE = "keepalived_ipvs";

    // ---- LVS ----
    public static final Key<LvsSyncDaemon> LVS_SYNC_DAEMON = Key.of("lvs_sync_daemon");
    public static final Key<LvsTimeouts> LVS_TIMEOUTS = Key.of("lvs_timeouts");
    public static final Key<Boolean> LVS_FLUSH = Key.of("lvs_flush", false);
    public static final Key<LvsFlushOnStop> LVS_FLUSH_ON_STOP = Key.of("lvs_flush_on_stop", LvsFlushOnStop.NONE);

    // ---- netlink buffers (bytes; null = system default) ----
    public static final Key<Long> VRRP_NETLINK_CMD_RCV_BUFS = Key.of("vrrp_netlink_cmd_rcv_bufs");
    public static final Key<Boolean> VRRP_NETLINK_CMD_RCV_BUFS_FORCE = Key.of("vrrp_netlink_cmd_rcv_bufs_force", false);
    public static final Key<Long> VRRP_NETLINK_MONITOR_RCV_BUFS = Key.of("vrrp_netlink_monitor_rcv_bufs");
    public static final Key<Boolean> VRRP_NETLINK_MONITOR_RCV_BUFS_FORCE = Key.of("vrrp_netlink_monitor_rcv_bufs_force", false);
    public static final Key<Long> LVS_NETLINK_CMD_RCV_BUFS = Key.of("lvs_netlink_cmd_rcv_bufs");
    public static final Key<Boolean> LVS_NETLINK_CMD_RCV_BUFS_FORCE = Key.of("lvs_netlink_cmd_rcv_bufs_force", false);
    public static final Key<Long> LVS_NETLINK_MONITOR_RCV_BUFS = Key.of("lvs_netlink_monitor_rcv_bufs");
    public static final Key<Boolean> LVS_NETLINK_MONITOR_RCV_BUFS_FORCE = Key.of("lvs_netlink_monitor_rcv_bufs_force", false);
    public static final Key<Long> PROCESS_MONITOR_RCV_BUFS = Key.of("process_monitor_rcv_bufs");
    public static final Key<Boolean> PROCESS_MONITOR_RCV_BUFS_FORCE = Key.of("process_monitor_rcv_bufs_force", false);

    // ---- SNMP / DBus (unsupported by keepalived-java) ----
    public static final Key<String> SNMP_SOCKET = Key.of("snmp_socket");
    public static final Key<Boolean> ENABLE_SNMP_VRRP = Key.of("enable_snmp_vrrp", false);
    public static final Key<Boolean> ENABLE_SNMP_CHECKER = Key.of("enable_snmp_checker", false);
    public static final Key<Boolean> ENABLE_SNMP_RFC = Key.of("enable_snmp_rfc", false);
    public static final Key<Boolean> ENABLE_SNMP_RFCV2 = Key.of("enable_snmp_rfcv2", false);
    public static final Key<Boolean> ENABLE_SNMP_RFCV3 = Key.of("enable_snmp_rfcv3", false);
    public static final Key<Boolean> ENABLE_TRAPS = Key.of("enable_traps", false);
    public static final Key<Long> SNMP_VS_STATS_UPDATE_INTERVAL = Key.of("snmp_vs_stats_update_interval", 0L);
    public static final Key<Long> SNMP_RS_STATS_UPDATE_INTERVAL = Key.of("snmp_rs_stats_update_interval", 0L);
    public static final Key<Boolean> ENABLE_DBUS = Key.of("enable_dbus", false);
    public static final Key<String> DBUS_SERVICE_NAME = Key.of("dbus_service_name", "org.keepalived.Vrrp1");
    public static final Key<String> DBUS_NO_INTERFACE_NAME = Key.of("dbus_no_interface_name");

    // ---- files, reload, misc ----
    /** Default 022 (IWGRP|IWOTH); the command line wins. */
    public static final Key<Integer> UMASK = Key.of("umask", 022);
    public static final Key<Long> RANDOM_SEED = Key.of("random_seed");
    public static final Key<Boolean> RELOAD_CHECK_CONFIG = Key.of("reload_check_config", false);
    public static final Key<String> RELOAD_CHECK_CONFIG_LOG = Key.of("reload_check_config log");
    public static final Key<String> RELOAD_TIME_FILE = Key.of("reload_time_file");
    public static final Key<Boolean> RELOAD_REPEAT = Key.of("reload_repeat", false);
    public static final Key<Boolean> RELOAD_FILE = Key.of("reload_file", false);
    /** Null = keepalived.reload in the pid directory. */
    public static final Key<String> RELOAD_FILE_PATH = Key.of("reload_file path");
    public static final Key<Set<String>> INCLUDE_CHECK = Key.of("include_check", Set.of());
    public static final Key<String> CONFIG_SAVE_DIR = Key.of("config_save_dir");
    public static final Key<String> TMP_CONFIG_DIRECTORY = Key.of("tmp_config_directory");
    public static final Key<Boolean> DATA_USE_INSTANCE = Key.of("data_use_instance", false);
    public static final Key<String> STATE_DUMP_FILE = Key.of("state_dump_file");
    public static final Key<String> STATS_DUMP_FILE = Key.of("stats_dump_file");
    public static final Key<String> JSON_DUMP_FILE = Key.of("json_dump_file");
    public static final Key<Integer> JSON_VERSION = Key.of("json_version", 1);
    public static final Key<String> IPROUTE_USR_DIR = Key.of("iproute_usr_dir", "/usr/share/iproute2");
    public static final Key<String> IPROUTE_ETC_DIR = Key.of("iproute_etc_dir", "/etc/iproute2");

    static {
        ScriptKeywords.declare(SCHEMA);
        VrrpDefaultsKeywords.declare(SCHEMA);
        ProcessKeywords.declare(SCHEMA);
        LvsKeywords.declare(SCHEMA);
        MiscKeywords.declare(SCHEMA);
    }

    public static void install(Schema top) {
        top.merged("global_defs", GLOBAL_DEFS, SCHEMA);
        // the block itself is read by every process (KeepalivedConfig.globalDefs()); its
        // keywords carry their own status below
        top.implemented("global_defs");
    }

    /** The effective lower-priority GARP delay (defaults to the master delay). */
    public static long garpLowerPrioDelay(Block g) {
        Long v = g.get(VRRP_GARP_LOWER_PRIO_DELAY);
        return v != null ? v : g.get(VRRP_GARP_MASTER_DELAY);
    }

    /** The effective lower-priority GARP repeat (defaults to the master repeat). */
    public static int garpLowerPrioRepeat(Block g) {
        Integer v = g.get(VRRP_GARP_LOWER_PRIO_REPEAT);
        return v != null ? v : g.get(VRRP_GARP_MASTER_REPEAT);
    }

    /** keepalived's whole-config checks on globals. */
    public static void validate(KeepalivedConfig config, Host host, Problems problems) {
        Block g = config.globalDefs();
        // Checked by every pass in keepalived, reported without a line.
        if ((g.isSet(STARTUP_SCRIPT) || g.isSet(SHUTDOWN_SCRIPT)) && !g.get(ENABLE_SCRIPT_SECURITY)) {
            problems.report(Severity.SECURITY, null,
                    "SECURITY VIOLATION - start/shutdown scripts are being executed but script_security not enabled.");
        }
    }

    // What keepalived-vrrp honours today (docs/compatibility.md); the rest is parsed and planned.
    static {
        SCHEMA.implemented("notify_fifo", "vrrp_notify_fifo", "v3_checksum_as_v2", "vrrp_check_unicast_src",
                "vrrp_down_timer_adverts", "vrrp_garp_interval", "vrrp_garp_lower_prio_delay",
                "vrrp_garp_lower_prio_repeat", "vrrp_garp_master_delay", "vrrp_garp_master_refresh",
                "vrrp_garp_master_refresh_repeat", "vrrp_garp_master_repeat", "vrrp_higher_prio_send_advert",
                "vrrp_lower_prio_no_advert", "vrrp_mcast_group4", "vrrp_mcast_group6", "vrrp_min_garp",
                "vrrp_notify_priority_changes", "vrrp_owner_ignore_adverts", "vrrp_skip_check_adv_addr",
                "vrrp_version", "vrrp_gna_interval", "router_id", "notification_email", "notification_email_from",
                "smtp_server", "smtp_connect_timeout", "smtp_helo_name", "smtp_alert", "smtp_alert_vrrp",
                "no_email_faults", "vrrp_rt_priority", "vrrp_cpu_affinity", "vrrp_rlimit_rttime", "vrrp_rlimit_rtime",
                "vrrp_priority");
        // keepalived-vrrp io.AcceptFirewall: keepalived's nftables drop sets for no_accept / strict mode
        SCHEMA.implemented("vrrp_strict", "nftables", "nftables_priority", "nftables_counters");
        // keepalived.daemon.Watchdog runs these in the parent
        SCHEMA.implemented("startup_script", "startup_script_timeout", "shutdown_script", "shutdown_script_timeout");
        // notify and track scripts run as their user through setpriv (keepalived.sys.RunAs)
        SCHEMA.implemented("script_user");
        // keepalived.vrrp.StartupDelay, keepalived.vrrp.io.FifoScripts
        SCHEMA.implemented("vrrp_startup_delay", "notify_fifo_script", "vrrp_notify_fifo_script");
        // VrrpDaemon.installStatic / reloadStatic; VrrpDaemon.onDatagram
        SCHEMA.implemented("default_interface", "log_unknown_vrids");
        // keepalived.daemon.Umask (command line first, default 0177 as 2.2.7 runs its scripts)
        SCHEMA.implemented("umask");
        // keepalived.vrrp.ExtraInterfaceGarp ("all" mode; without it only VIPs on VMACs of other interfaces)
        SCHEMA.implemented("vrrp_garp_extra_if", "vrrp_vmac_garp_intvl");
        // keepalived-vrrp ScriptSecurity disables insecure vrrp_script / notify scripts (it.ScriptSecurityScenarios)
        SCHEMA.implemented("enable_script_security");
        // keepalived.daemon.ProcessTuning on the VRRP loop thread (mlockall, late-timer watch)
        SCHEMA.implemented("vrrp_no_swap", "max_auto_priority", "min_auto_priority_delay");
        // keepalived.vrrp.io.LocalIgmpReports
        SCHEMA.implemented("disable_local_igmp");
        // VMAC names (keepalived.vrrp.VrrpDaemon, io.AddressVmacs)
        SCHEMA.implemented("vmac_prefix", "vmac_addr_prefix");
    }
}
