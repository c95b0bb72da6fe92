package keepalived.vrrp.io;

import java.util.HashMap;
import java.util.Map;

import keepalived.config.Block;
import keepalived.config.KeepalivedConfig;
import keepalived.config.global.GlobalDefsKeywords;
import keepalived.config.vrrp.GarpGroupKeywords;

/**
 * How far apart gratuitous ARPs and unsolicited NAs leave an interface: a {@code garp_group}
 * naming the interface sets both (an interval it leaves unset is 0, as in keepalived, where the
 * group replaces the interface's delays); other interfaces take global {@code vrrp_garp_interval}
 * and {@code vrrp_gna_interval}. Nanoseconds; 0 = no spacing.
 */
public final class GarpPacing {
    private record Delays(long garpNs, long gnaNs) {
    }

    private final Delays global;
    private final Map<String, Delays> byInterface = new HashMap<>();

    private GarpPacing(Delays global) {
        this.global = global;
    }

    public static GarpPacing from(KeepalivedConfig config) {
        Block g = config.globalDefs();
        GarpPacing p = new GarpPacing(new Delays(g.get(GlobalDefsKeywords.VRRP_GARP_INTERVAL) * 1000L,
                g.get(GlobalDefsKeywords.VRRP_GNA_INTERVAL) * 1000L));
        for (Block group : config.garpGroups()) {
            Long garp = group.get(GarpGroupKeywords.GARP_INTERVAL);
            Long gna = group.get(GarpGroupKeywords.GNA_INTERVAL);
            if (garp == null && gna == null) {
                continue; // keepalived removes a group without delays
            }
            Delays d = new Delays(garp == null ? 0 : garp * 1000L, gna == null ? 0 : gna * 1000L);
            for (String ifname : group.get(GarpGroupKeywords.INTERFACES)) {
                p.byInterface.putIfAbsent(ifname, d);
            }
        }
        return p;
    }

    private Delays delays(String ifname) {
        return byInterface.getOrDefault(ifname, global);
    }

    public long garpIntervalNs(String ifname) {
        return delays(ifname).garpNs();
    }

    public long gnaIntervalNs(String ifname) {
        return delays(ifname).gnaNs();
    }

    /** The spacing of one instance's announcement rounds: GNA for an IPv6 instance, GARP otherwise. */
    public long intervalNs(String ifname, boolean ipv6) {
        return ipv6 ? gnaIntervalNs(ifname) : garpIntervalNs(ifname);
    }
}
