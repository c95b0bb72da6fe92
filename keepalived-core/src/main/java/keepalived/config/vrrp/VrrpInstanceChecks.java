package keepalived.config.vrrp;

import java.net.Inet6Address;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import keepalived.config.Block;
import keepalived.config.Host;
import keepalived.config.KeepalivedConfig;
import keepalived.config.Key;
import keepalived.config.Problems;
import keepalived.config.Severity;
import keepalived.config.net.IpAddress;

import static keepalived.config.vrrp.VrrpInstanceKeywords.*;

/**
 * keepalived's completion checks of a vrrp_instance (its vrrp_complete_instance): combinations of
 * settings that are reported and corrected, printed without a line number, plus the host and
 * cross-reference checks that name the offending line.
 */
final class VrrpInstanceChecks {
    private VrrpInstanceChecks() {
    }

    /** Block-close defaults that need nothing outside the block. */
    static void complete(Block.Builder b, Problems p) {
        if (b.get(STATE) == VrrpState.MASTER && !b.isSet(PRIORITY)) {
            // keepalived makes a MASTER without an explicit priority the address owner
            b.set(PRIORITY, 255, b.originOf(STATE));
        }
    }

    /** The reported checks of one instance, in keepalived's order; returns false when it is dropped. */
    static boolean check(Block vi, KeepalivedConfig config, Host host, Problems p, boolean[] missingIf) {
        String who = "(" + vi.name() + ") ";
        Block g = config.globalDefs();
        if (vi.isSet(INTERFACE)) {
            String ifname = vi.get(INTERFACE);
            if (!host.interfaceExists(ifname)) {
                p.report(Severity.BAD_INTERFACE, vi.originOf(INTERFACE),
                        "WARNING - interface " + ifname + " for vrrp_instance " + vi.name() + " doesn't exist");
                missingIf[0] = true;
            } else if (host.isLoopback(ifname)) {
                p.error(vi.originOf(INTERFACE), who + "cannot use a loopback interface (" + ifname + ") for vrrp - ignoring");
            }
        }
        for (Key<List<IpAddress>> k : List.of(VIRTUAL_IPADDRESS, VIRTUAL_IPADDRESS_EXCLUDED)) {
            if (keepalived.config.net.StaticKeywords.checkInterfaces(vi.get(k), host, p)) {
                missingIf[0] = true;
            }
        }
        // keepalived resolves tracked objects while parsing, so these are reported whatever follows
        trackRefs(vi.name(), vi.get(TRACK_SCRIPT), vi.get(TRACK_FILE), vi.get(TRACK_PROCESS), vi.get(TRACK_BFD),
                config, p);
        for (TrackRef r : vi.get(TRACK_INTERFACE)) {
            if (!host.interfaceExists(r.name())) {
                p.error(r.origin(), who + "tracked interface " + r.name() + " doesn't exist");
            } else if (r.name().equals(vi.get(INTERFACE))) {
                p.error(null, who + "Ignoring track_interface " + r.name() + " since own interface");
            }
        }
        if (!vi.isSet(VIRTUAL_ROUTER_ID)) {
            p.error(null, who + "the virtual router id must be set");
            return false;
        }
        int prio = vi.get(PRIORITY);
        boolean master = vi.get(STATE) == VrrpState.MASTER;
        boolean strict = vi.isSet(STRICT_MODE) ? vi.get(STRICT_MODE) : globalBool(g, "vrrp_strict");
        List<IpAddress> vips = vi.get(VIRTUAL_IPADDRESS);
        boolean v6 = vi.get(NATIVE_IPV6) || (!vips.isEmpty() && vips.get(0).isIpv6())
                || vi.get(SRC_IP) instanceof Inet6Address;
        int version = vi.isSet(VERSION) ? vi.get(VERSION) : globalInt(g, "vrrp_version", 2);
        if (v6 && version == 2) {
            if (vi.isSet(VERSION)) {
                p.error(null, who + "cannot use IPv6 with VRRP version 2; setting version 3");
            }
            version = 3;
        }
        if (vips.isEmpty() && !vi.get(NO_VIRTUAL_IPADDRESS)) {
            p.error(null, who + "No VIP specified; at least one is " + (strict ? "required" : "sensible"));
        }
        if (strict && master && prio != 255) {
            p.error(null, who + "State MASTER must match being address owner");
            master = false;
        }
        if (vi.isSet(AUTH_TYPE)) {
            if (strict) {
                p.error(null, who + "Strict mode does not support authentication. Ignoring.");
            } else if (version == 3) {
                p.error(null, who + "VRRP version 3 does not support authentication. Ignoring.");
            } else if (!vi.isSet(AUTH_PASS)) {
                p.error(null, who + "Authentication specified but no password given. Ignoring");
            } else if (vi.get(AUTH_TYPE) == AuthType.AH && v6) {
                p.error(null, who + "Cannot use AH authentication with IPv6. ignoring");
            } else if (vi.get(AUTH_TYPE) == AuthType.AH && master && prio != 255) {
                p.error(null, who + "Initial state master is incompatible with AH authentication - clearing");
                master = false;
            }
        }
        boolean unicast = !vi.get(UNICAST_PEERS).isEmpty();
        if (!unicast && (vi.isSet(UNICAST_PEERS) || vi.isSet(CHECK_UNICAST_SRC) || vi.isSet(OLD_UNICAST_CHECKSUM)
                || vi.isSet(UNICAST_FAULT_NO_PEER))) {
            p.error(null, who + (vi.get(UNICAST_FAULT_NO_PEER)
                    ? "Cannot use unicast without any peers - going to fault state"
                    : "A unicast keyword has been specified without any unicast peers. Defaulting to multicast."
                            + " This usage is deprecated - please update your configuration."));
        }
        if (unicast && vi.isSet(MCAST_DST_IP)) {
            p.error(null, who + "multicast destination specified with unicast - ignoring");
        }
        if (vi.get(VMAC_XMIT_BASE) && !vi.isSet(USE_VMAC)) {
            p.error(null, who + "vmac_xmit_base is only valid with a vmac");
        }
        if (vi.isSet(USE_IPVLAN) && !v6 && !vi.isSet(SRC_IP)) {
            p.error(null, who + "IPv4 ipvlan requires a source ip address to be configured. setting instance to fault state");
        }
        boolean nopreempt = vi.get(NOPREEMPT);
        if (nopreempt && prio == 255) {
            p.error(null, who + "nopreempt is incompatible with priority 255. resetting nopreempt");
            nopreempt = false;
        } else if (nopreempt && master) {
            p.error(null, who + "Warning - nopreempt will not work with initial state MASTER - clearing");
            nopreempt = false;
        }
        if (vi.get(PREEMPT_DELAY) > 0) {
            if (strict) {
                p.error(null, who + "preempt_delay is incompatible with strict mode - resetting");
            } else if (nopreempt) {
                p.error(null, who + "preempt_delay is incompatible with nopreempt mode - resetting");
            } else if (master) {
                p.error(null, who + "Warning - preempt delay will not work with initial state MASTER - clearing");
            }
        }
        if (strict) {
            if (vi.isSet(DOWN_TIMER_ADVERTS)) {
                p.error(null, who + "down_timer_adverts is incompatible with strict mode - resetting");
            }
            if (vi.isSet(ACCEPT) && vi.get(ACCEPT) && version == 2 && prio != 255) {
                p.error(null, who + "warning - accept mode for VRRP version 2 does not comply with RFC3768 - resetting");
            }
            if (vi.isSet(GARP_MASTER_REPEAT) || vi.isSet(GARP_LOWER_PRIO_REPEAT) || vi.isSet(GARP_MASTER_REFRESH_REPEAT)) {
                p.error(null, who + "Strict mode requires no repeat garps. resetting");
            }
            if (vi.isSet(GARP_MASTER_DELAY) || vi.isSet(GARP_LOWER_PRIO_DELAY) || vi.isSet(GARP_MASTER_REFRESH)) {
                p.error(null, who + "Strict mode requires no repeat garp delay. resetting");
            }
            if (vi.isSet(LOWER_PRIO_NO_ADVERT) && !vi.get(LOWER_PRIO_NO_ADVERT)) {
                p.error(null, who + "Strict mode requires no lower priority advert. resetting");
            }
            if (vi.isSet(HIGHER_PRIO_SEND_ADVERT) && vi.get(HIGHER_PRIO_SEND_ADVERT)) {
                p.error(null, who + "strict mode requires higher_prio_send_advert to be clear. resetting");
            }
        }
        long adv = vi.get(ADVERT_INT);
        if (version == 2 && adv % 1_000_000 != 0) {
            p.error(null, who + String.format(Locale.ROOT, "VRRPv2 advertisement interval %fs must be an integer. rounding",
                    adv / 1e6));
        } else if (version == 3 && adv > 40_950_000) {
            p.error(null, who + String.format(Locale.ROOT,
                    "VRRPv3 advertisement interval %.2fs is out of range. Must be less than %.2fs. Setting to %.2fs",
                    adv / 1e6, 40.96, 40.95));
        } else if (version == 3 && adv % 10_000 != 0) {
            p.error(null, who + String.format(Locale.ROOT,
                    "VRRPv3 advertisement interval %fs must be in units of 10ms - rounding", adv / 1e6));
        }
        // keepalived 2.2.7 only complains in strict mode (the "should" variant is never printed)
        if (strict && !vips.isEmpty() && vips.get(0).isIpv6() && !vips.get(0).address().isLinkLocalAddress()) {
            p.error(null, who + "the first IPv6 VIP address must be link local");
        }
        if (prio == 255) {
            for (TrackRef r : vi.get(TRACK_SCRIPT)) {
                Block s = VrrpKeywords.find(config.vrrpScripts(), r.name());
                int w = r.weight() != null ? r.weight() : s == null ? 0 : s.get(VrrpScriptKeywords.WEIGHT);
                if (s != null && w != 0) {
                    p.error(null, who + "Cannot have weighted track script '" + r.name() + "' with priority 255");
                }
            }
        }
        return true;
    }

    /** Resolves track_script/file/process/bfd names as keepalived does while parsing. */
    static void trackRefs(String owner, List<TrackRef> scripts, List<TrackRef> files, List<TrackRef> procs,
            List<TrackRef> bfds, KeepalivedConfig config, Problems p) {
        String who = "(" + owner + ") ";
        for (TrackRef r : scripts) {
            Block s = VrrpKeywords.find(config.vrrpScripts(), r.name());
            if (s == null || !VrrpScriptKeywords.usable(s) || s.get(ParseOrder.DEFINED) > r.parsedAt()) {
                p.error(r.origin(), who + "track script " + r.name() + " not found, ignoring...");
            }
        }
        for (TrackRef r : files) {
            Block f = VrrpKeywords.find(config.root().get(VrrpKeywords.TRACK_FILES), r.name());
            if (f == null || !f.isSet(TrackFileKeywords.FILE) || f.get(ParseOrder.DEFINED) > r.parsedAt()) {
                p.error(r.origin(), who + "track file " + r.name() + " not found, ignoring...");
            }
        }
        for (TrackRef r : procs) {
            Block f = VrrpKeywords.find(config.root().get(VrrpKeywords.TRACK_PROCESSES), r.name());
            if (f == null || !f.isSet(TrackProcessKeywords.PROCESS) || f.get(ParseOrder.DEFINED) > r.parsedAt()) {
                p.error(r.origin(), who + "track process " + r.name() + " not found, ignoring...");
            }
        }
        for (TrackRef r : bfds) {
            if (VrrpKeywords.find(config.bfdInstances(), r.name()) == null) {
                p.error(r.origin(), who + "track bfd " + r.name() + " not found, ignoring...");
            }
        }
    }

    /** A global_defs flag read by name (global_defs is another package's table). */
    static boolean globalBool(Block g, String name) {
        Object v = globalValue(g, name);
        return v instanceof Boolean bv ? bv : v != null;
    }

    static int globalInt(Block g, String name, int dflt) {
        Object v = globalValue(g, name);
        return v instanceof Number n ? n.intValue() : dflt;
    }

    static Object globalValue(Block g, String name) {
        for (Map.Entry<Key<?>, Object> e : g.values().entrySet()) {
            if (e.getKey().name().equals(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
