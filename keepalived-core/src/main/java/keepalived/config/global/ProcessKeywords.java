package keepalived.config.global;

import static keepalived.config.global.GlobalDefsKeywords.*;

import java.util.ArrayList;
import java.util.List;
import keepalived.config.Key;
import keepalived.config.Schema;

/** global_defs keywords for the processes: names, priorities, CPU affinity, netlink buffers. */
final class ProcessKeywords {
    private ProcessKeywords() {
    }

    /** Linux truncates a task name (comm) to 15 characters. */
    private static final int TASK_COMM_LEN = 15;

    static void declare(Schema s) {
        s.bareFlag("process_names", PROCESS_NAMES).doc("Name the processes keepalived, keepalived_vrrp ...");
        processName(s, "process_name", PROCESS_NAME);
        processName(s, "vrrp_process_name", VRRP_PROCESS_NAME);
        processName(s, "checker_process_name", CHECKER_PROCESS_NAME);
        s.alias("lvs_process_name", "checker_process_name");
        processName(s, "bfd_process_name", BFD_PROCESS_NAME);

        s.custom("max_auto_priority", (b, a) -> {
            if (!a.has(1)) {
                b.set(MAX_AUTO_PRIORITY, 99, a.origin());
                return;
            }
            Long v = GlobalArgs.integer(a, 1, -1, 99);
            if (v == null) {
                a.error("max_auto_priority '" + a.word(1) + "' must be in [0, 99] (or -1 to disable) - ignoring");
            } else {
                b.set(MAX_AUTO_PRIORITY, v.intValue(), a.origin());
            }
        }).doc("Highest real-time priority reached automatically when late (0 = off)");
        s.custom("min_auto_priority_delay", (b, a) -> {
            if (!a.has(1)) {
                a.error("min_auto_priority_delay requires delay time");
                return;
            }
            Long v = GlobalArgs.integer(a, 1, 1, 10_000_000);
            if (v == null) {
                a.error("min_auto_priority_delay '" + a.word(1) + "' must be in [1, 10000000] - ignoring");
            } else {
                b.set(MIN_AUTO_PRIORITY_DELAY, v, a.origin());
            }
        }).doc("Lateness in microseconds that raises the priority (1000000)");

        perProcess(s, "vrrp", VRRP_PRIORITY, VRRP_NO_SWAP, VRRP_RT_PRIORITY, VRRP_CPU_AFFINITY, VRRP_RLIMIT_RTTIME);
        perProcess(s, "checker", CHECKER_PRIORITY, CHECKER_NO_SWAP, CHECKER_RT_PRIORITY, CHECKER_CPU_AFFINITY,
                CHECKER_RLIMIT_RTTIME);
        perProcess(s, "bfd", BFD_PRIORITY, BFD_NO_SWAP, BFD_RT_PRIORITY, BFD_CPU_AFFINITY, BFD_RLIMIT_RTTIME);

        rcvBufs(s, "vrrp_netlink_cmd", VRRP_NETLINK_CMD_RCV_BUFS, VRRP_NETLINK_CMD_RCV_BUFS_FORCE);
        rcvBufs(s, "vrrp_netlink_monitor", VRRP_NETLINK_MONITOR_RCV_BUFS, VRRP_NETLINK_MONITOR_RCV_BUFS_FORCE);
        rcvBufs(s, "lvs_netlink_cmd", LVS_NETLINK_CMD_RCV_BUFS, LVS_NETLINK_CMD_RCV_BUFS_FORCE);
        rcvBufs(s, "lvs_netlink_monitor", LVS_NETLINK_MONITOR_RCV_BUFS, LVS_NETLINK_MONITOR_RCV_BUFS_FORCE);
        rcvBufs(s, "process_monitor", PROCESS_MONITOR_RCV_BUFS, PROCESS_MONITOR_RCV_BUFS_FORCE);
    }

    private static void processName(Schema s, String word, Key<String> key) {
        s.custom(word, (b, a) -> {
            String name = a.required(1);
            if (name.length() > TASK_COMM_LEN) {
                a.error("Process name " + name + " more than " + TASK_COMM_LEN + " characters, truncating");
                name = name.substring(0, TASK_COMM_LEN);
            }
            b.set(key, name, a.origin());
        }).doc("Process name (" + word + ")");
    }

    private static void perProcess(Schema s, String p, Key<Integer> prio, Key<Boolean> noSwap, Key<Integer> rtPrio,
            Key<List<Integer>> cpus, Key<Long> rttime) {
        s.custom(p + "_priority", (b, a) -> {
            if (!a.has(1)) {
                a.error("No " + p + " process priority specified");
                return;
            }
            Long v = GlobalArgs.integer(a, 1, -20, 19);
            if (v == null) {
                a.error("Invalid " + p + " process priority specified");
            } else {
                b.set(prio, v.intValue(), a.origin());
            }
        }).doc("Nice value of the " + p + " process (-20..19)");
        s.bareFlag(p + "_no_swap", noSwap).doc("Lock the " + p + " process in memory");
        s.custom(p + "_rt_priority", (b, a) -> {
            if (!a.has(1)) {
                a.error("No " + p + " process real-time priority specified");
                return;
            }
            Long v = GlobalArgs.integer(a, 1, Integer.MIN_VALUE, Integer.MAX_VALUE);
            if (v == null) {
                a.error(p + " process real-time priority '" + a.word(1) + "' invalid");
                return;
            }
            if (v < 1) {
                a.error(p + " process real-time priority " + v + " less than minimum 1 - setting to minimum");
                v = 1L;
            } else if (v > 99) {
                a.error(p + " process real-time priority " + v + " greater than maximum 99 - setting to maximum");
                v = 99L;
            }
            b.set(rtPrio, v.intValue(), a.origin());
        }).doc("SCHED_RR priority of the " + p + " process (1..99)");
        s.custom(p + "_cpu_affinity", (b, a) -> {
            if (!a.has(1)) {
                a.error("No " + p + " cpu_id set specified");
                return;
            }
            int maxCpu = Runtime.getRuntime().availableProcessors() - 1;
            List<Integer> ids = new ArrayList<>();
            for (int i = 1; i < a.size(); i++) {
                Long v = GlobalArgs.integer(a, i, 0, maxCpu);
                if (v == null) {
                    // keepalived names the id it failed to read as 0 when the word is not a number
                    String shown = a.word(i).matches("\\d+") ? a.word(i) : "0";
                    a.error("Invalid cpu_id:" + shown + " specified for " + p + " process");
                    return;
                }
                ids.add(v.intValue());
            }
            b.set(cpus, List.copyOf(ids), a.origin());
        }).doc("CPUs the " + p + " process may run on");
        s.custom(p + "_rlimit_rttime", (b, a) -> {
            a.required(1);
            Long v = GlobalArgs.integer(a, 1, 1, GlobalArgs.UINT_MAX);
            if (v == null) {
                a.error("Invalid " + p + " real-time limit - " + a.word(1));
            } else {
                b.set(rttime, v, a.origin());
            }
        }).doc("RLIMIT_RTTIME of the " + p + " process, microseconds (10000)");
        s.alias(p + "_rlimit_rtime", p + "_rlimit_rttime");
    }

    private static void rcvBufs(Schema s, String prefix, Key<Long> size, Key<Boolean> force) {
        String word = prefix + "_rcv_bufs";
        s.custom(word, (b, a) -> {
            if (!a.has(1)) {
                a.error(word + " size missing");
                return;
            }
            Long v = GlobalArgs.integer(a, 1, 0, GlobalArgs.UINT_MAX);
            if (v == null) {
                a.error(word + " size (" + a.word(1) + ") invalid");
            } else {
                b.set(size, v, a.origin());
            }
        }).doc("Receive buffer bytes of the " + prefix.replace('_', ' ') + " socket");
        ScriptKeywords.globalBool(s, word + "_force", force).doc("Use SO_RCVBUFFORCE for " + word);
    }
}
