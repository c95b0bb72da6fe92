package keepalived.vrrp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import keepalived.config.Block;
import keepalived.config.KeepalivedConfig;
import keepalived.config.global.GlobalDefsKeywords;
import keepalived.config.net.IpAddress;
import keepalived.config.net.Route;
import keepalived.config.net.Rule;
import keepalived.config.net.StaticKeywords;
import keepalived.config.vrrp.TrackGroupKeywords;
import keepalived.config.vrrp.VrrpInstanceKeywords;
import keepalived.vrrp.state.InstanceConfig;
import keepalived.vrrp.state.TrackKind;

/**
 * {@code track_group G { group { VI_1 } }} and the static addresses, routes and rules that name
 * G: as keepalived 2.2.7 does (observed), each instance of the group tracks the interfaces those
 * entries are on, so one going down (or away) puts the instance in FAULT and back when it returns.
 * Also which kinds of entries keepalived watches the kernel for (see
 * {@link keepalived.vrrp.io.InstalledEntryWatch#watching}).
 */
final class StaticTrackGroups {
    private StaticTrackGroups() {
    }

    /** Interface trackers (weight 0: FAULT when down) of {@code instance} from its track groups. */
    static List<InstanceConfig.Track> trackers(KeepalivedConfig config, String instance) {
        Block root = config.root();
        if (!StaticKeywords.isUsed(root)) {
            return List.of();
        }
        Set<String> groups = new LinkedHashSet<>();
        for (Block g : root.get(TrackGroupKeywords.TRACK_GROUPS)) {
            if (g.get(TrackGroupKeywords.GROUP).contains(instance)) {
                groups.add(g.name());
            }
        }
        if (groups.isEmpty()) {
            return List.of();
        }
        Block globals = config.globalDefs();
        String dflt = globals == null ? GlobalDefsKeywords.DEFAULT_INTERFACE.defaultValue()
                : globals.get(GlobalDefsKeywords.DEFAULT_INTERFACE);
        Set<String> devs = new LinkedHashSet<>();
        for (IpAddress a : root.get(StaticKeywords.STATIC_ADDRESSES)) {
            if (groups.contains(a.trackGroup())) {
                devs.add(a.dev() != null ? a.dev() : dflt);
            }
        }
        for (Route r : root.get(StaticKeywords.STATIC_ROUTES)) {
            if (groups.contains(r.trackGroup()) && r.dev() != null) {
                devs.add(r.dev());
            }
        }
        for (Rule r : root.get(StaticKeywords.STATIC_RULES)) {
            String iif = Rule.iif(r.options());
            if (groups.contains(r.trackGroup()) && iif != null) {
                devs.add(iif);
            }
        }
        List<InstanceConfig.Track> l = new ArrayList<>();
        for (String d : devs) {
            l.add(new InstanceConfig.Track(TrackKind.INTERFACE, d, 0, false));
        }
        return l;
    }

    /** Routes are watched with a virtual route or a static route with track_group. */
    static boolean routesWatched(KeepalivedConfig config) {
        for (Block b : config.vrrpInstances()) {
            if (!b.get(VrrpInstanceKeywords.VIRTUAL_ROUTES).isEmpty()) {
                return true;
            }
        }
        Block root = config.root();
        return StaticKeywords.isUsed(root)
                && root.get(StaticKeywords.STATIC_ROUTES).stream().anyMatch(r -> r.trackGroup() != null);
    }

    /** Rules are watched with a virtual rule or a static rule with track_group. */
    static boolean rulesWatched(KeepalivedConfig config) {
        for (Block b : config.vrrpInstances()) {
            if (!b.get(VrrpInstanceKeywords.VIRTUAL_RULES).isEmpty()) {
                return true;
            }
        }
        Block root = config.root();
        return StaticKeywords.isUsed(root)
                && root.get(StaticKeywords.STATIC_RULES).stream().anyMatch(r -> r.trackGroup() != null);
    }
}
