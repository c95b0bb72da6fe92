package keepalived.config.global;

import static keepalived.config.global.GlobalDefsKeywords.*;

import java.net.InetAddress;
import java.util.Set;
import keepalived.config.Args;
import keepalived.config.Block;
import keepalived.config.Schema;

/** global_defs keywords for IPVS: sync daemon, timeouts, flushing. */
final class LvsKeywords {
    private LvsKeywords() {
    }

    private static final Set<String> SYNC_OPTIONS = Set.of("inst", "id", "maxlen", "port", "ttl", "group");

    static void declare(Schema s) {
        s.custom("lvs_sync_daemon", LvsKeywords::syncDaemon)
                .doc("IPVS sync daemon: IF [[inst] VI] [id N] [maxlen N] [port N] [ttl N] [group IP]");
        s.custom("lvs_timeouts", LvsKeywords::timeouts).doc("IPVS timeouts: [tcp S] [tcpfin S] [udp S]");
        s.bareFlag("lvs_flush", LVS_FLUSH).doc("Flush IPVS at startup");
        s.custom("lvs_flush_on_stop", (b, a) -> {
            if (!a.has(1)) {
                b.set(LVS_FLUSH_ON_STOP, LvsFlushOnStop.ALL, a.origin());
            } else if (a.word(1).equals("VS")) {
                b.set(LVS_FLUSH_ON_STOP, LvsFlushOnStop.VS, a.origin());
            } else {
                a.error("Unknown lvs_flush_on_stop type " + a.word(1));
            }
        }).doc("Flush IPVS at shutdown [VS]");
        s.alias("lvs_flush_onstop", "lvs_flush_on_stop");
    }

    private static void syncDaemon(Block.Builder b, Args a) {
        if (!a.has(1)) {
            a.error("lvs_sync_daemon requires interface");
            return;
        }
        if (b.isSet(LVS_SYNC_DAEMON)) {
            LvsSyncDaemon d = b.get(LVS_SYNC_DAEMON);
            a.error("lvs_sync_daemon has already been specified as " + d.iface() + " "
                    + (d.vrrpInstance() == null ? "" : d.vrrpInstance()) + " - ignoring");
            return;
        }
        String instance = null;
        Integer syncId = null;
        Integer maxLen = null;
        Integer port = null;
        Integer ttl = null;
        InetAddress group = null;
        int i = 2;
        // Old form: a bare instance name, optionally followed by a bare sync id.
        if (a.has(i) && !SYNC_OPTIONS.contains(a.word(i))) {
            instance = a.word(i++);
            if (a.has(i) && !SYNC_OPTIONS.contains(a.word(i))) {
                Long v = GlobalArgs.integer(a, i, 0, 255);
                if (v == null) {
                    a.error("Invalid syncid (" + a.word(i) + ") - defaulting to vrid");
                } else {
                    a.error("Please use keyword \"id\" before lvs_sync_daemon SYNCID");
                    syncId = v.intValue();
                }
                i++;
            }
        }
        for (; i < a.size(); i++) {
            String opt = a.word(i);
            if (opt.equals("inst")) {
                instance = a.required(++i);
                continue;
            }
            if (!SYNC_OPTIONS.contains(opt)) {
                a.error("Unknown option " + opt + " specified for lvs_sync_daemon");
                continue;
            }
            if (!a.has(i + 1)) {
                a.error(opt.equals("id") ? "No value specified for lvs_sync_daemon id, defaulting to vrid"
                        : "No value specified for lvs_sync_daemon " + opt + " - ignoring");
                break;
            }
            String w = a.word(++i);
            switch (opt) {
                case "id" -> {
                    Long v = GlobalArgs.integer(a, i, 0, 255);
                    if (v == null) {
                        a.error("Invalid syncid (" + w + ") - defaulting to vrid");
                    } else {
                        syncId = v.intValue();
                    }
                }
                case "maxlen" -> maxLen = option(a, i, 1, 65507, "maxlen");
                case "port" -> port = option(a, i, 1, 65535, "port");
                case "ttl" -> ttl = option(a, i, 1, 255, "ttl");
                default -> {
                    group = InetAddresses.parse(w);
                    if (group == null) {
                        a.error("Invalid lvs_sync_daemon group (" + w + ") - ignoring");
                    }
                }
            }
        }
        b.set(LVS_SYNC_DAEMON, new LvsSyncDaemon(a.word(1), instance, syncId, maxLen, port, ttl, group,
                a.origin()), a.origin());
    }

    private static Integer option(Args a, int i, long min, long max, String name) {
        Long v = GlobalArgs.integer(a, i, min, max);
        if (v == null) {
            a.error("Invalid lvs_sync_daemon " + name + " (" + a.word(i) + ") - ignoring");
            return null;
        }
        return v.intValue();
    }

    private static void timeouts(Block.Builder b, Args a) {
        if (a.size() < 3) {
            a.error("lvs_timeouts requires at least one option");
            return;
        }
        LvsTimeouts t = b.isSet(LVS_TIMEOUTS) ? b.get(LVS_TIMEOUTS) : new LvsTimeouts(null, null, null);
        for (int i = 1; i < a.size(); i++) {
            String opt = a.word(i);
            if (!opt.equals("tcp") && !opt.equals("tcpfin") && !opt.equals("udp")) {
                a.error("Unknown option " + opt + " specified for lvs_timeouts");
                continue;
            }
            if (!a.has(i + 1)) {
                a.error("No value specified for lvs_timeout " + opt + " - ignoring");
                break;
            }
            Long v = GlobalArgs.integer(a, ++i, 0, 2_678_400);
            if (v == null) {
                a.error("Invalid lvs_timeout " + opt + " (" + a.word(i) + ") - ignoring");
                continue;
            }
            int secs = v.intValue();
            t = switch (opt) {
                case "tcp" -> new LvsTimeouts(secs, t.tcpFin(), t.udp());
                case "tcpfin" -> new LvsTimeouts(t.tcp(), secs, t.udp());
                default -> new LvsTimeouts(t.tcp(), t.tcpFin(), secs);
            };
        }
        b.set(LVS_TIMEOUTS, t, a.origin());
    }
}
