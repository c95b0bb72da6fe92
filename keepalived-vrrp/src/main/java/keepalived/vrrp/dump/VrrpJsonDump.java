package keepalived.vrrp.dump;

import java.util.List;
import java.util.function.Function;

import keepalived.config.Block;
import keepalived.config.vrrp.NotifyScript;
import keepalived.config.vrrp.VrrpInstanceKeywords;
import keepalived.config.vrrp.VrrpScriptKeywords;
import keepalived.vrrp.state.InstanceConfig;
import keepalived.vrrp.state.TrackKind;
import keepalived.vrrp.state.VrrpInstance;
import keepalived.vrrp.state.VrrpState;

/**
 * SIGRTMIN+2 in the VRRP process: {@code keepalived.json}, keepalived 2.2.7's {@code json_version 1}
 * layout: one line, an array with one {@code {"data":{...},"stats":{...}}} per instance, keys in
 * keepalived's order, optional keys left out when empty as keepalived leaves them out.
 */
public final class VrrpJsonDump {
    public static final String FILE = "keepalived.json";

    private VrrpJsonDump() {
    }

    public static String render(VrrpView view) {
        StringBuilder sb = new StringBuilder("[");
        boolean first = true;
        for (VrrpView.Instance i : view.instances()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append("{\"data\":");
            data(sb, view, i);
            sb.append(",\"stats\":").append(i.instance().stats().json()).append('}');
        }
        return sb.append("]\n").toString();
    }

    private static void data(StringBuilder sb, VrrpView view, VrrpView.Instance i) {
        InstanceConfig c = i.config();
        VrrpInstance vi = i.instance();
        Block b = i.block();
        Obj o = new Obj(sb);
        o.str("iname", c.name());
        o.num("dont_track_primary", c.dontTrackPrimary() ? 1 : 0);
        o.num("skip_check_adv_addr", c.skipCheckAdvAddr() ? 1 : 0);
        o.num("strict_mode", c.strict() ? 1 : 0);
        o.str("vmac_ifname", i.vmac() == null ? "" : i.vmac());
        o.str("ifp_ifname", i.vmac() == null ? c.interfaceName() : i.vmac()); // 2.2.7: the VMAC itself
        o.num("master_priority", vi.state() == VrrpState.MASTER ? 0 : vi.masterPriority());
        o.raw("last_transition", Times.seconds(Times.epochMicros(vi.lastTransitionNs())));
        o.num("garp_delay", c.garpMasterDelayUs() / 1_000_000L);
        o.num("garp_refresh", c.garpMasterRefreshUs() / 1_000_000L);
        o.num("garp_rep", c.garpMasterRepeat());
        o.num("garp_refresh_rep", c.garpMasterRefreshRepeat());
        o.num("garp_lower_prio_delay", c.garpLowerPrioDelayUs() / 1_000_000L);
        o.num("garp_lower_prio_rep", c.garpLowerPrioRepeat());
        o.num("lower_prio_no_advert", c.lowerPrioNoAdvert() ? 1 : 0);
        o.num("higher_prio_send_advert", c.higherPrioSendAdvert() ? 1 : 0);
        o.num("vrid", c.vrid());
        o.num("base_priority", c.basePriority());
        o.num("effective_priority", vi.effectivePriority());
        o.raw("vipset", Boolean.toString(vi.state() == VrrpState.MASTER));
        o.raw("promote_secondaries", Boolean.toString(b.get(VrrpInstanceKeywords.PROMOTE_SECONDARIES)));
        o.raw("adver_int", seconds(c.advertIntUs()));
        o.raw("master_adver_int", seconds(vi.masterAdvertIntervalUs()));
        o.num("accept", c.accept() ? 1 : 0);
        o.raw("nopreempt", Boolean.toString(c.nopreempt()));
        o.num("preempt_delay", c.preemptDelayUs() / 1_000_000L);
        o.num("state", vi.state().code());
        o.num("wantstate", vi.wantState().code());
        o.num("version", c.version());
        o.raw("smtp_alert", Boolean.toString(i.smtpAlert()));
        o.raw("notify_deleted", Boolean.toString(b.get(VrrpInstanceKeywords.NOTIFY_DELETED)));
        script(o, "script_backup", c.notifyBackup());
        script(o, "script_master", c.notifyMaster());
        script(o, "script_fault", c.notifyFault());
        script(o, "script_stop", c.notifyStop());
        script(o, "script_deleted", b.get(VrrpInstanceKeywords.NOTIFY_DELETED_SCRIPT));
        script(o, "script", c.notifyGeneric());
        script(o, "script_master_rx_lower_pri", c.notifyMasterRxLowerPri());
        String dev = i.vmac() != null ? i.vmac() : c.interfaceName();
        boolean set = vi.state() == VrrpState.MASTER;
        o.array("vips", c.vips(), a -> VrrpDataDump.vip(a, dev, set));
        o.array("evips", c.evips(), a -> VrrpDataDump.vip(a, dev, set));
        o.array("vroutes", c.vroutes(), Object::toString);
        o.array("vrules", c.vrules(), Object::toString);
        o.array("track_ifp", tracks(c, TrackKind.INTERFACE), t -> t.name());
        // keepalived lists a tracked script by its command, not its name
        o.array("track_script", tracks(c, TrackKind.SCRIPT), t -> scriptCommand(view, t.name()));
        o.array("track_process", tracks(c, TrackKind.PROCESS), t -> t.name());
        o.num("auth_type", c.authType() == null ? 0 : c.authType().ordinal() + 1);
        if (c.authType() != null) {
            // 2.2.7 writes the PASS password in clear (observed); the file is 0600
            o.str("auth_data", c.authPass() == null ? "" : c.authPass());
        }
        sb.append('}');
    }

    private static List<InstanceConfig.Track> tracks(InstanceConfig c, TrackKind kind) {
        return c.trackers().stream().filter(t -> t.kind() == kind).toList();
    }

    private static String scriptCommand(VrrpView view, String name) {
        for (Block s : view.config().vrrpScripts()) {
            NotifyScript cmd = s.get(VrrpScriptKeywords.SCRIPT);
            if (s.name().equals(name) && cmd != null) {
                return Scripts.quoted(cmd);
            }
        }
        return name;
    }

    private static void script(Obj o, String key, NotifyScript s) {
        if (s != null) {
            o.str(key, Scripts.quoted(s));
        }
    }

    /** Whole seconds print as an integer (keepalived's {@code 1}), fractions as a decimal. */
    private static String seconds(long us) {
        return us % 1_000_000L == 0 ? Long.toString(us / 1_000_000L) : Double.toString(us / 1e6);
    }

    /** A JSON object being written: commas between members, strings escaped. */
    private static final class Obj {
        private final StringBuilder sb;
        private boolean first = true;

        Obj(StringBuilder sb) {
            this.sb = sb.append('{');
        }

        private void key(String k) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('"').append(k).append("\":");
        }

        void raw(String k, String v) {
            key(k);
            sb.append(v);
        }

        void num(String k, long v) {
            raw(k, Long.toString(v));
        }

        void str(String k, String v) {
            key(k);
            quote(sb, v);
        }

        <T> void array(String k, List<T> items, Function<T, String> text) {
            if (items.isEmpty()) {
                return;
            }
            key(k);
            sb.append('[');
            for (int n = 0; n < items.size(); n++) {
                if (n > 0) {
                    sb.append(',');
                }
                quote(sb, text.apply(items.get(n)));
            }
            sb.append(']');
        }
    }

    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int n = 0; n < s.length(); n++) {
            char ch = s.charAt(n);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '/' -> sb.append("\\/"); // as keepalived's JSON writer does
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        sb.append('"');
    }
}
