package keepalived.vrrp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import keepalived.config.Block;
import keepalived.config.global.GarpExtraIf;
import keepalived.config.global.GlobalDefsKeywords;
import keepalived.config.net.IpAddress;
import keepalived.config.vrrp.VrrpInstanceKeywords;
import keepalived.vrrp.state.InstanceConfig;

/**
 * garp_extra_if / vrrp_garp_extra_if {@code [all] SECS}: while MASTER, one GARP/NA every SECS for
 * the VIPs/eVIPs on address VMACs (a VIP's {@code use_vmac}, use_vmac_addr) or, with {@code all},
 * for every VIP/eVIP on an interface other than the instance's; the first SECS after becoming
 * MASTER (keepalived 2.2.7, observed with tcpdump; the instance's own interface has its adverts to
 * keep switch MAC caches fresh). The instance's setting wins over the global one.
 */
final class ExtraInterfaceGarp {
    /** Off, or every {@code periodNs} for the addresses {@code all} selects. */
    record Plan(long periodNs, boolean all) {
        static final Plan OFF = new Plan(0, false);

        /** The addresses to announce: see the class comment. */
        List<IpAddress> addresses(InstanceConfig ic, String vipDev, Collection<String> addressVmacs) {
            List<IpAddress> l = new ArrayList<>();
            if (periodNs <= 0) {
                return l;
            }
            for (List<IpAddress> list : List.of(ic.vips(), ic.evips())) {
                for (IpAddress a : list) {
                    String dev = a.dev();
                    if (dev != null && !dev.equals(vipDev) && (all || addressVmacs.contains(dev))) {
                        l.add(a);
                    }
                }
            }
            return l;
        }
    }

    private ExtraInterfaceGarp() {
    }

    /** The instance's plan (its garp_extra_if, else the global vrrp_garp_extra_if). */
    static Plan plan(Block instance, Block globals) {
        Integer secs = instance.get(VrrpInstanceKeywords.GARP_EXTRA_IF);
        if (secs != null) {
            return secs > 0 ? new Plan(secs * 1_000_000_000L, instance.get(VrrpInstanceKeywords.GARP_EXTRA_IF_ALL))
                    : Plan.OFF;
        }
        GarpExtraIf g = globals == null ? null : globals.get(GlobalDefsKeywords.VRRP_GARP_EXTRA_IF);
        return g != null && g.intervalMicros() > 0 ? new Plan(g.intervalMicros() * 1000L, g.allInterfaces()) : Plan.OFF;
    }
}
