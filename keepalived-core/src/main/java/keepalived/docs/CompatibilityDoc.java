package keepalived.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keepalived.config.Keyword;
import keepalived.config.Schema;
import keepalived.config.TopLevel;

/**
 * Generates docs/compatibility.md from the keyword tables, so the document cannot drift from
 * what the parser accepts: every keyword of every block with its version, status, old
 * spelling and one-line description, plus the status of each feature.
 */
public final class CompatibilityDoc {
    private CompatibilityDoc() {
    }

    /** The one command that rewrites docs/compatibility.md (printed when the test finds it stale). */
    public static final String REGENERATE =
            "mvn -B -q -pl keepalived-core test -Dtest=CompatibilityDocTest -Dregenerate=true";

    /** Feature, status, note: what runs today and what is still to come. */
    private static final String[][] FEATURES = {
        {"Configuration front end: full keepalived.conf grammar, `-t`, `-d`", "implemented",
            "same verdict and line numbers as keepalived 2.2.7 `-t`"},
        {"Command line (every keepalived 2.2.7 option, `--signum`, `-v`, `-h`)", "implemented",
            "daemon options act as their subsystems land (-n, -V, -l, -G, -S, -D, -R, -P/-C/-B/--all, -p/-r/-c/-b, "
            + "--ignore-sigint do today); beyond keepalived: --status, --reload, --stop (docs/operations.md)"},
        {"Process model (parent + VRRP, checker, BFD children, respawn, pid files)", "partial",
            "watchdog parent JVM + one VRRP child JVM, respawn with back-off, pid files, parent-death stop, "
            + "detach without -n, sd_notify, startup/shutdown scripts, syslog with keepalived's identities "
            + "(docs/operations.md); checker/BFD children come with their subsystems; `instance` (pid files, syslog idents), umask; "
            + "not yet: net_namespace, reload_time_file, children reading a consolidated copy"},
        {"Signals (RELOAD, STOP, DATA, STATS, STATS_CLEAR, JSON) and reload semantics", "implemented",
            "every signal relayed as keepalived does (SIGRTMIN+2 / SIGRTMAX-1 through a signalfd: bin/keepalived "
            + "blocks them); reload keeps instances matched by name in their state, and refuses a config with new "
            + "errors, keeping the running one"},
        {"VRRP v2/v3 (adverts, elections, VIPs, GARP/NA, sync groups, tracking, notify, FIFOs)", "partial",
            "v2/v3, IPv4/IPv6, multicast/unicast, PASS and AH auth, VIPs/eVIPs, virtual routes/rules, static "
            + "addresses/routes/rules, GARP/NA, preempt, track_interface/track_script/track_file (polled)/"
            + "track_process (/proc scan), VMAC (use_vmac, vmac_xmit_base, use_vmac_addr, vmac_prefix/"
            + "vmac_addr_prefix; a deleted VMAC is recreated), sync groups (with group trackers, notify_stop, tracking weights), notify, FIFO and FIFO scripts, script "
            + "security, vrrp_startup_delay, unicast_fault_no_peer, track_src_ip, garp_extra_if, "
            + "timer_expired_backup, log_unknown_vrids, "
            + "address/route/rule tracking (an admin's deletion of a tracked VIP/route/rule sends a MASTER through "
            + "BACKUP; no_track; static entries restored; track_group), accept/no_accept and strict mode "
            + "(keepalived's nftables tables over netlink), disable_local_igmp: interoperate with keepalived 2.2.7. "
            + "Planned: track_bfd, use_ipvlan, vrf, the VMAC IGMP/MLD nftables rule"},
        {"Process tuning (vrrp_rt_priority, vrrp_cpu_affinity, vrrp_rlimit_rttime, vrrp_priority, vrrp_no_swap, "
            + "max_auto_priority)", "implemented",
            "applied to the VRRP child's event-loop thread (the process for vrrp_no_swap); checker_/bfd_ "
            + "equivalents come with their children (docs/operations.md)"},
        {"IPVS and health checkers (TCP, HTTP/SSL, MISC, SMTP, DNS, PING, UDP, FILE, BFD)", "planned",
            "parsed and checked as keepalived does; `-t` and the daemon's log say that virtual servers are not set up"},
        {"BFD", "planned", "parsed and checked; `-t` and the daemon's log say that BFD instances are not started"},
        {"State dumps (`keepalived.data`, `keepalived.stats`, JSON)", "implemented",
            "keepalived.data, keepalived_parent.data, keepalived.stats (and STATS_CLEAR), keepalived.json in 2.2.7's "
            + "layout (values we cannot know differ: docs/operations.md); json_version 2 not written"},
        {"Debian package and systemd unit", "implemented",
            "keepalived-java .deb (Provides/Conflicts/Replaces keepalived), the same unit shape, Type=notify"},
        {"genhash (`-T/--genhash`)", "planned", "reserved: prints that it is not implemented yet"},
        {"SNMP (`-x`, AgentX), DBus", "unsupported", "keywords are parsed; `-t` notes they are ignored"},
        {"Log file (`-g/--log-file`)", "unsupported",
            "as Debian's build: `-g requires configure option --enable-log-file`"},
    };

    /** The whole document. */
    public static String generate() {
        Map<Schema, String> paths = blockPaths();
        StringBuilder sb = new StringBuilder();
        sb.append("# keepalived-java compatibility with keepalived 2.2.7\n\n")
          .append("<!-- Generated from the keyword tables by keepalived.docs.CompatibilityDoc; do not edit.\n")
          .append("     Regenerate: ").append(REGENERATE).append(" -->\n\n")
          .append("keepalived-java reads the same `keepalived.conf` as keepalived 2.2.7 (and the keywords ")
          .append("keepalived 2.4 added, marked with their version) and takes the same command line. ")
          .append("This page is generated from the parser's keyword tables: every keyword listed here is ")
          .append("parsed and checked by `keepalived -t`; the status says what the runtime does with it.\n\n");

        sb.append("## Features\n\n| feature | status | note |\n|---|---|---|\n");
        for (String[] f : FEATURES) {
            sb.append("| ").append(f[0]).append(" | ").append(f[1]).append(" | ").append(f[2]).append(" |\n");
        }

        sb.append("\n## Deliberate differences from keepalived 2.2.7\n\n")
          .append("- `-t` prints each problem once; keepalived prints it once per process that parses it ")
          .append("(up to four times). The lines and the exit code are the same.\n")
          .append("- `-t` with a config file that does not exist exits 4 (cannot run); keepalived 2.2.7 ")
          .append("prints `Config files missing` and exits 0, so `keepalived -t && reload` passed on a typo.\n")
          .append("- Where keepalived 2.2.7 crashes or hangs on a broken config (an unterminated quote in a ")
          .append("`vrrp_script` `script`, `HTTP_GET` without `url`, an include loop), keepalived-java ")
          .append("reports the problem and goes on.\n")
          .append("- `-d` with `-t` prints the parsed model on stdout.\n")
          .append("- A reload (SIGHUP) with a configuration that has new errors keeps the running configuration ")
          .append("(as with `reload_check_config`, always); keepalived 2.2.7 without it exits and leaves its VIPs.\n")
          .append("- A backup whose master-down timer fires at least one advert interval late (the machine or the ")
          .append("process was held up) listens one interval more before taking over (docs/performance.md).\n")
          .append("- `vrrp_rt_priority`, `vrrp_cpu_affinity` and `max_auto_priority` make the VRRP child's event-loop ")
          .append("thread real-time, not the whole process (a JVM's GC and JIT threads stay normal); ")
          .append("`vrrp_rlimit_rttime` sets only the soft limit (a warning), as a hard limit could kill a JVM ")
          .append("that legitimately runs a 10 ms burst. `vrrp_no_swap` locks pages as they are touched ")
          .append("(MCL_ONFAULT) instead of making the JVM's whole address space resident.\n")
          .append("- No keyword is silently ignored: `-t` (and the daemon's log at start) names each keyword ")
          .append("the runtime does not act on, once per keyword at its first use: `keyword 'X' is not ")
          .append("implemented by keepalived-java yet - ignoring` (planned) or `... is not supported by ")
          .append("keepalived-java - ignoring` (unsupported). A planned block (`virtual_server`, ")
          .append("`bfd_instance` ...) gets one line for all its occurrences and contents. keepalived prints no ")
          .append("such lines; they do not change the exit code. The daemon also logs that virtual servers and ")
          .append("BFD instances are not set up while the checker and BFD are not built.\n");
        sb.append("\n## Keyword status\n\n")
          .append("- **implemented**: parsed, checked and honoured at run time.\n")
          .append("- **planned**: parsed and checked, not acted on yet (its subsystem's runtime has not landed); ")
          .append("`-t` says so.\n")
          .append("- **no effect**: accepted for compatibility; keepalived itself gives it no effect.\n")
          .append("- **unsupported**: parsed, but keepalived-java will not implement it; `-t` says so.\n")
          .append("- **since**: the keepalived version that introduced the keyword; keywords newer than 2.2.7 ")
          .append("are rejected by Debian's keepalived 2.2.7 but accepted here.\n\n");

        Map<Keyword.Support, Integer> counts = new EnumMap<>(Keyword.Support.class);
        int total = 0;
        for (Schema s : paths.keySet()) {
            for (Keyword k : s.keywords()) {
                counts.merge(k.support(), 1, Integer::sum);
                total++;
            }
        }
        sb.append("Totals: ").append(total).append(" keywords in ").append(paths.size()).append(" blocks");
        for (Keyword.Support s : Keyword.Support.values()) {
            sb.append("; ").append(counts.getOrDefault(s, 0)).append(' ').append(label(s));
        }
        sb.append(".\n\n## Keywords\n");

        for (Map.Entry<Schema, String> e : paths.entrySet()) {
            Schema s = e.getKey();
            sb.append("\n### ").append(e.getValue().isEmpty() ? "Top level" : "`" + e.getValue() + "`").append("\n\n");
            if (s.keywords().isEmpty()) {
                sb.append("(no keywords declared yet)\n");
                continue;
            }
            sb.append("| keyword | block | since | status | replaced by | description |\n")
              .append("|---|---|---|---|---|---|\n");
            for (Keyword k : s.keywords()) {
                sb.append("| `").append(k.name()).append("` | ")
                  .append(e.getValue().isEmpty() ? "(top level)" : s.name()).append(" | ")
                  .append(k.since()).append(" | ")
                  .append(label(k.support())).append(" | ")
                  .append(k.replacedBy() == null ? "" : "`" + k.replacedBy() + "`").append(" | ")
                  .append(cell(k.doc())).append(" |\n");
            }
        }
        return sb.toString();
    }

    /** Every table in {@link TopLevel#allSchemas()} order, named by the first path that reaches it. */
    static Map<Schema, String> blockPaths() {
        Map<Schema, String> paths = new LinkedHashMap<>();
        walk(TopLevel.SCHEMA, "", new LinkedHashMap<>(), paths);
        Map<Schema, String> ordered = new LinkedHashMap<>();
        List<Schema> all = TopLevel.allSchemas();
        for (Schema s : all) {
            ordered.put(s, paths.getOrDefault(s, s.name()));
        }
        return ordered;
    }

    private static void walk(Schema s, String path, Map<Schema, Boolean> seen, Map<Schema, String> paths) {
        if (seen.put(s, Boolean.TRUE) != null) {
            return;
        }
        paths.put(s, path);
        for (Keyword k : s.keywords()) {
            if (k.sub() != null && k.replacedBy() == null) {
                walk(k.sub(), path.isEmpty() ? k.name() : path + " > " + k.name(), seen, paths);
            }
        }
        for (Keyword k : s.keywords()) {
            if (k.sub() != null) {
                walk(k.sub(), path.isEmpty() ? k.name() : path + " > " + k.name(), seen, paths);
            }
        }
    }

    private static String label(Keyword.Support s) {
        return s.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** Writes the document to {@code args[0]} (default docs/compatibility.md). */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/compatibility.md");
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, generate(), StandardCharsets.UTF_8);
    }
}
