package keepalived.config.global;

import static keepalived.config.global.GlobalDefsKeywords.*;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import keepalived.config.Args;
import keepalived.config.Block;
import keepalived.config.Key;
import keepalived.config.Schema;

/** global_defs keywords for SNMP/DBus, files, reload control and the 2.4 dump files. */
final class MiscKeywords {
    private MiscKeywords() {
    }

    /** umask bit names (sys/stat.h S_I* without the S_). */
    private static final Map<String, Integer> UMASK_BITS = Map.of(
            "IRUSR", 0400, "IWUSR", 0200, "IXUSR", 0100,
            "IRGRP", 040, "IWGRP", 020, "IXGRP", 010,
            "IROTH", 04, "IWOTH", 02, "IXOTH", 01);

    private static final Set<String> INCLUDE_CHECKS = Set.of("match", "wildcard_match", "brace_match");

    static void declare(Schema s) {
        s.custom("snmp_socket", (b, a) -> {
            if (a.size() > 2) {
                a.error("Too many parameters specified for snmp_socket - ignoring");
            } else if (!a.has(1)) {
                a.error("SNMP error : snmp socket name missing");
            } else if (b.isSet(SNMP_SOCKET)) {
                a.error("SNMP socket already set to " + b.get(SNMP_SOCKET) + " - ignoring");
            } else {
                b.set(SNMP_SOCKET, a.word(1), a.origin());
            }
        }).unsupported().doc("AgentX socket of the SNMP master agent");
        s.bareFlag("enable_snmp_vrrp", ENABLE_SNMP_VRRP).unsupported().doc("KEEPALIVED-MIB VRRP part");
        s.alias("enable_snmp_keepalived", "enable_snmp_vrrp");
        s.bareFlag("enable_snmp_checker", ENABLE_SNMP_CHECKER).unsupported().doc("KEEPALIVED-MIB checker part");
        s.custom("enable_snmp_rfc", (b, a) -> {
            b.set(ENABLE_SNMP_RFCV2, true, a.origin());
            b.set(ENABLE_SNMP_RFCV3, true, a.origin());
            b.set(ENABLE_SNMP_RFC, true, a.origin());
        }).unsupported().doc("RFC2787 and RFC6527 VRRP MIBs");
        s.bareFlag("enable_snmp_rfcv2", ENABLE_SNMP_RFCV2).unsupported().doc("RFC2787 VRRP MIB");
        s.bareFlag("enable_snmp_rfcv3", ENABLE_SNMP_RFCV3).unsupported().doc("RFC6527 VRRP MIB");
        s.bareFlag("enable_traps", ENABLE_TRAPS).unsupported().doc("SNMP traps");
        statsInterval(s, "snmp_vs_stats_update_interval", SNMP_VS_STATS_UPDATE_INTERVAL);
        statsInterval(s, "snmp_rs_stats_update_interval", SNMP_RS_STATS_UPDATE_INTERVAL);
        s.bareFlag("enable_dbus", ENABLE_DBUS).unsupported().doc("DBus interface");
        s.custom("dbus_service_name", (b, a) -> {
            if (a.has(1)) {
                b.set(DBUS_SERVICE_NAME, a.word(1), a.origin());
            } else {
                a.error("dbus_service_name missing - ignoring");
            }
        }).unsupported().doc("DBus service name (org.keepalived.Vrrp1)");
        s.string("dbus_no_interface_name", DBUS_NO_INTERFACE_NAME).since("2.4").unsupported()
                .doc("DBus object name for instances without an interface");

        s.custom("umask", MiscKeywords::umask).doc("File creation mask: number or IRUSR|IWGRP... (022)");
        s.custom("random_seed", (b, a) -> {
            a.required(1);
            Long v = GlobalArgs.integer(a, 1, 0, GlobalArgs.UINT_MAX);
            if (v == null) {
                a.error("random_seed " + a.word(1) + " invalid");
            } else {
                b.set(RANDOM_SEED, v, a.origin());
            }
        }).doc("Seed of ${_RANDOM}");
        s.custom("reload_check_config", (b, a) -> {
            b.set(RELOAD_CHECK_CONFIG, true, a.origin());
            if (a.has(1)) {
                b.set(RELOAD_CHECK_CONFIG_LOG, a.word(1), a.origin());
            }
        }).doc("Check a new config before reloading [LOG_FILE]");
        s.custom("reload_time_file", (b, a) -> {
            if (a.size() != 2) {
                a.error("reload_time_file invalid");
            } else {
                b.set(RELOAD_TIME_FILE, a.word(1), a.origin());
            }
        }).doc("File holding a scheduled reload time");
        s.bareFlag("reload_repeat", RELOAD_REPEAT).doc("Keep the reload time file, reload daily");
        s.custom("reload_file", (b, a) -> {
            b.set(RELOAD_FILE, true, a.origin());
            if (a.has(1)) {
                b.set(RELOAD_FILE_PATH, a.word(1), a.origin());
            }
        }).doc("File present while a reload reads the config");
        s.custom("include_check", MiscKeywords::includeCheck).doc("Errors for missing include files");
        s.implemented("reload_file", "reload_check_config"); // keepalived.daemon.Watchdog
        s.string("config_save_dir", CONFIG_SAVE_DIR).doc("Save config state around reloads");
        s.custom("tmp_config_directory", (b, a) -> {
            if (a.has(1)) {
                b.set(TMP_CONFIG_DIRECTORY, a.word(1), a.origin());
            } else {
                a.error("tmp_config_directory missing directory name");
            }
        }).doc("Directory of the config copy shared with the children");
        // keepalived's message misspells the keyword.
        ScriptKeywords.globalBool(s, "data_use_instance", "date_use_instance", DATA_USE_INSTANCE)
                .doc("Instance and namespace in .data file names");
        path(s, "state_dump_file", STATE_DUMP_FILE).doc("Path of the SIGUSR1 state dump");
        path(s, "stats_dump_file", STATS_DUMP_FILE).doc("Path of the SIGUSR2 stats dump");
        path(s, "json_dump_file", JSON_DUMP_FILE).doc("Path of the SIGJSON dump");
        s.custom("json_version", (b, a) -> {
            a.required(1);
            Long v = GlobalArgs.integer(a, 1, 1, 2);
            if (v == null) {
                a.error("Invalid json_version " + a.word(1));
            } else {
                b.set(JSON_VERSION, v.intValue(), a.origin());
            }
        }).since("2.4").doc("JSON dump format (1)");
        path(s, "iproute_usr_dir", IPROUTE_USR_DIR).doc("Directory of iproute2's shipped tables");
        path(s, "iproute_etc_dir", IPROUTE_ETC_DIR).doc("Directory of iproute2's local tables");
    }

    private static keepalived.config.Keyword path(Schema s, String word, Key<String> key) {
        return s.string(word, key).since("2.4");
    }

    private static void statsInterval(Schema s, String word, Key<Long> key) {
        s.custom(word, (b, a) -> {
            a.required(1);
            Long v = GlobalArgs.seconds(a, 1, 0, 4294.967295);
            if (v == null) {
                a.error(word + " '" + a.word(1) + "' is invalid");
            } else {
                b.set(key, v, a.origin());
            }
        }).since("2.4").unsupported().doc("Seconds between IPVS stats refreshes for SNMP");
    }

    private static void umask(Block.Builder b, Args a) {
        String first = a.required(1);
        if (Character.isDigit(first.charAt(0))) {
            Integer v = cNumber(first);
            if (v == null || v > 0777) {
                a.error("invalid umask value " + first);
                return;
            }
            if (a.has(2)) {
                a.error("Extra parameter(s) to umask option");
                return;
            }
            b.set(UMASK, v, a.origin());
            return;
        }
        // Bit names separated by '|', with or without spaces around it.
        int mask = 0;
        for (String part : String.join("", a.from(1)).split("\\|")) {
            Integer bit = UMASK_BITS.get(part);
            if (bit == null) {
                a.error("Unknown umask bit " + part);
                return;
            }
            mask |= bit;
        }
        b.set(UMASK, mask, a.origin());
    }

    /** strtol base 0: 0x hex, leading-0 octal, else decimal; null unless the whole word is read. */
    private static Integer cNumber(String w) {
        try {
            if (w.startsWith("0x") || w.startsWith("0X")) {
                return Integer.parseInt(w.substring(2), 16);
            }
            if (w.length() > 1 && w.startsWith("0")) {
                return Integer.parseInt(w.substring(1), 8);
            }
            return Integer.parseInt(w);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void includeCheck(Block.Builder b, Args a) {
        Set<String> checks = new LinkedHashSet<>(b.get(INCLUDE_CHECK));
        if (!a.has(1)) {
            checks.addAll(INCLUDE_CHECKS);
        }
        for (String w : a.from(1)) {
            boolean remove = w.startsWith("-");
            String name = w.startsWith("-") || w.startsWith("+") ? w.substring(1) : w;
            if (!INCLUDE_CHECKS.contains(name)) {
                a.error("Unknown include_check type '" + name + "' - ignoring");
                continue;
            }
            if (remove) {
                checks.remove(name);
            } else {
                checks.add(name);
            }
        }
        b.set(INCLUDE_CHECK, Set.copyOf(checks), a.origin());
    }
}
