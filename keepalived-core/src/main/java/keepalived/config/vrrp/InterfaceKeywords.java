package keepalived.config.vrrp;

import java.util.List;
import keepalived.config.Key;
import keepalived.config.Origin;
import keepalived.config.Schema;
import keepalived.config.Values;

/** {@code linkbeat_interfaces { }} and {@code interface_up_down_delays { }}: per-interface link handling. */
public final class InterfaceKeywords {
    private InterfaceKeywords() {
    }

    /** How link state of a linkbeat interface is polled. */
    public enum LinkbeatMethod { MII, ETHTOOL, IOCTL }

    /** A {@code linkbeat_interfaces} entry. */
    public record Linkbeat(String ifname, LinkbeatMethod method, Origin origin) {
    }

    /** An {@code interface_up_down_delays} entry; delays in microseconds. */
    public record UpDownDelay(String ifname, long downDelay, long upDelay, Origin origin) {
    }

    public static final Key<List<Linkbeat>> LINKBEAT_INTERFACES = Key.of("linkbeat_interfaces", List.of());
    public static final Key<List<UpDownDelay>> UP_DOWN_DELAYS = Key.of("interface_up_down_delays", List.of());

    static void install(Schema top) {
        top.list("linkbeat_interfaces", LINKBEAT_INTERFACES, a -> {
            LinkbeatMethod m = LinkbeatMethod.ETHTOOL;
            if (a.has(1)) {
                try {
                    m = LinkbeatMethod.valueOf(a.word(1));
                } catch (IllegalArgumentException e) {
                    a.error("extra characters " + a.word(1) + " in linkbeat interface");
                }
            }
            return new Linkbeat(a.word(0), m, a.origin());
        }).owner(keepalived.config.Keyword.Owner.VRRP).doc("IF [MII|ETHTOOL|IOCTL]: poll link state");
        top.listCustom("interface_up_down_delays", UP_DOWN_DELAYS, (b, a) -> {
            // observed on 2.2.7: a second entry for an interface is dropped silently
            if (b.get(UP_DOWN_DELAYS).stream().anyMatch(d -> d.ifname().equals(a.word(0)))) {
                return;
            }
            UpDownDelay d = upDown(a);
            if (d != null) {
                b.add(UP_DOWN_DELAYS, d, a.origin());
            }
        }).owner(keepalived.config.Keyword.Owner.VRRP).doc("IF DOWN [UP]: debounce link changes (seconds)");
    }

    private static UpDownDelay upDown(keepalived.config.Args a) {
        {
            if (!a.has(1)) {
                a.error("No timeouts specified for " + a.word(0) + " up/down delays");
                return null;
            }
            if (a.size() > 3) {
                a.error("Too many parameters for " + a.word(0) + " up/down delays");
                return null;
            }
            Double down = Values.decimal(a.word(1), 0, 255, a.origin(), a.problems());
            if (down == null) {
                a.error("Invalid down delay " + a.word(1) + " for " + a.word(0));
                return null;
            }
            Double up = down;
            if (a.has(2)) {
                up = Values.decimal(a.word(2), 0, 255, a.origin(), a.problems());
                if (up == null) {
                    a.error("Invalid up delay " + a.word(2) + " for " + a.word(0));
                    return null;
                }
            }
            return new UpDownDelay(a.word(0), Math.round(down * 1e6), Math.round(up * 1e6), a.origin());
        }
    }
}
