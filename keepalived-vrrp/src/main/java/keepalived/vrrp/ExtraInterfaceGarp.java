package keepalived.vrrp;

import java.util.ArrayList;
import java.util.List;

import keepalived.config.Block;
import keepalived.config.global.GarpExtraIf;
import keepalived.config.global.GlobalDefsKeywords;
import keepalived.config.net.IpAddress;
import keepalived.config.vrrp.VrrpInstanceKeywords;
import keepalived.vrrp.state.InstanceConfig;

/**
 * garp_extra_if / vrrp_garp_extra_if {@code all SECS}: while MASTER, one GARP/NA every SECS for
 * each VIP/eVIP on an interface other than the instance's, first SECS after becoming MASTER
 * (keepalived 2.2.7, observed; the instance's own interface has its adverts to keep switch MAC
 * caches fresh). Without {@code all} keepalived only sends for VIPs on VMACs of other interfaces,
 * which we do not create: nothing is sent, as 2.2.7 sends nothing for a VIP on a plain interface.
 */
final class ExtraInterfaceGarp {
    private ExtraInterfaceGarp() {
    }

    /** The period in nanoseconds, 0 when off (the instance's setting, else the global one). */
    static long periodNs(Block instance, Block globals) {
        Integer secs = instance.get(VrrpInstanceKeywords.GARP_EXTRA_IF);
        if (secs != null) {
            return instance.get(VrrpInstanceKeywords.GARP_EXTRA_IF_ALL) && secs > 0 ? secs * 1_000_000_000L : 0;
        }
        GarpExtraIf g = globals == null ? null : globals.get(GlobalDefsKeywords.VRRP_GARP_EXTRA_IF);
        return g != null && g.allInterfaces() && g.intervalMicros() > 0 ? g.intervalMicros() * 1000L : 0;
    }

    /** The VIPs and eVIPs whose dev is not {@code vipDev} (the instance's interface or VMAC). */
    static List<IpAddress> addresses(InstanceConfig ic, String vipDev) {
        List<IpAddress> l = new ArrayList<>();
        for (List<IpAddress> list : List.of(ic.vips(), ic.evips())) {
            for (IpAddress a : list) {
                if (a.dev() != null && !a.dev().equals(vipDev)) {
                    l.add(a);
                }
            }
        }
        return l;
    }
}
