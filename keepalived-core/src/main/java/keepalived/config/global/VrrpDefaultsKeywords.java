package keepalived.config.global;

import static keepalived.config.global.GlobalDefsKeywords.*;

import java.net.InetAddress;
import java.util.Locale;
import keepalived.config.Args;
import keepalived.config.Block;
import keepalived.config.Key;
import keepalived.config.Keyword;
import keepalived.config.Schema;
import keepalived.config.Severity;

/** global_defs keywords that set VRRP defaults: multicast groups, GARP tuning, firewall. */
final class VrrpDefaultsKeywords {
    private VrrpDefaultsKeywords() {
    }

    static void declare(Schema s) {
        mcastGroup(s, "vrrp_mcast_group4", VRRP_MCAST_GROUP4, true);
        mcastGroup(s, "vrrp_mcast_group6", VRRP_MCAST_GROUP6, false);
        s.custom("default_interface", (b, a) -> {
            if (a.has(1)) {
                b.set(DEFAULT_INTERFACE, a.word(1), a.origin());
            } else {
                a.error("default_interface requires interface name");
            }
        }).doc("Interface of static addresses without dev (eth0)");
        s.custom("vrrp_version", (b, a) -> {
            a.required(1);
            Long v = GlobalArgs.integer(a, 1, 2, 3);
            if (v == null) {
                a.error("VRRP Error: Version must be either 2 or 3");
            } else {
                b.set(VRRP_VERSION, v.intValue(), a.origin());
            }
        }).doc("Default VRRP version (2; IPv6 always 3)");

        seconds(s, "vrrp_garp_master_delay", VRRP_GARP_MASTER_DELAY, 4294, "%s '%s' invalid - ignoring")
                .doc("Seconds before the second GARP burst after becoming master (5)");
        repeat(s, "vrrp_garp_master_repeat", VRRP_GARP_MASTER_REPEAT).doc("GARPs per burst (5)");
        seconds(s, "vrrp_garp_master_refresh", VRRP_GARP_MASTER_REFRESH, GlobalArgs.UINT_MAX,
                "Invalid %s '%s' - ignoring").doc("Seconds between GARP refreshes as master (0 = off)");
        repeat(s, "vrrp_garp_master_refresh_repeat", VRRP_GARP_MASTER_REFRESH_REPEAT).doc("GARPs per refresh (1)");
        seconds(s, "vrrp_garp_lower_prio_delay", VRRP_GARP_LOWER_PRIO_DELAY, 4294, "%s '%s' invalid - ignoring")
                .doc("GARP delay after a lower-priority advert (= master delay)");
        s.custom("vrrp_garp_lower_prio_repeat", (b, a) -> {
            a.required(1);
            Long v = GlobalArgs.integer(a, 1, 0, GlobalArgs.UINT_MAX);
            if (v == null) {
                a.error("Invalid vrrp_garp_lower_prio_repeat '" + a.word(1) + "'");
            } else {
                b.set(VRRP_GARP_LOWER_PRIO_REPEAT, (int) (long) v, a.origin());
            }
        }).doc("GARPs after a lower-priority advert (= master repeat)");
        interval(s, "vrrp_garp_interval", VRRP_GARP_INTERVAL).doc("Delay between GARPs on an interface");
        interval(s, "vrrp_gna_interval", VRRP_GNA_INTERVAL).doc("Delay between unsolicited NAs on an interface");
        ScriptKeywords.namedBool(s, "vrrp_min_garp", VRRP_MIN_GARP).doc("One GARP/NA, no second burst");
        s.custom("vrrp_garp_extra_if", VrrpDefaultsKeywords::garpExtraIf)
                .doc("Periodic GARP/NA on the VIPs' other interfaces: [all] SECS");
        s.custom("vrrp_vmac_garp_intvl", (b, a) -> {
            a.report(Severity.DEPRECATED, "Keyword \"vrrp_vmac_garp_intvl\" is deprecated - please use \"vrrp_garp_extra_if\"");
            garpExtraIf(b, a);
        }).replacedBy("vrrp_garp_extra_if");
        s.custom("vrrp_down_timer_adverts", (b, a) -> {
            a.required(1);
            Long v = GlobalArgs.integer(a, 1, 1, 100);
            if (v == null) {
                a.error("Invalid vrrp_down_timer_adverts [1:100] '" + a.word(1) + "'");
            } else {
                b.set(VRRP_DOWN_TIMER_ADVERTS, v.intValue(), a.origin());
            }
        }).doc("Adverts missed before a backup takes over (3)");
        ScriptKeywords.namedBool(s, "vrrp_lower_prio_no_advert", VRRP_LOWER_PRIO_NO_ADVERT)
                .doc("No advert in reply to a lower-priority advert");
        ScriptKeywords.namedBool(s, "vrrp_higher_prio_send_advert", VRRP_HIGHER_PRIO_SEND_ADVERT)
                .doc("Send an advert before yielding to a higher priority");
        s.bareFlag("vrrp_check_unicast_src", VRRP_CHECK_UNICAST_SRC).doc("Unicast adverts must come from a peer");
        s.bareFlag("vrrp_skip_check_adv_addr", VRRP_SKIP_CHECK_ADV_ADDR)
                .doc("Skip address checks of adverts from the same master");
        s.bareFlag("vrrp_strict", VRRP_STRICT).doc("Strict RFC compliance");
        ScriptKeywords.namedBool(s, "vrrp_owner_ignore_adverts", VRRP_OWNER_IGNORE_ADVERTS).since("2.4")
                .doc("An address owner (priority 255) ignores adverts");
        ScriptKeywords.namedBool(s, "v3_checksum_as_v2", V3_CHECKSUM_AS_V2).since("2.4")
                .doc("VRRPv3 IPv4 checksum without the pseudo-header");
        delay(s, "vrrp_startup_delay", VRRP_STARTUP_DELAY).doc("Seconds before VRRP instances start");
        delay(s, "vrrp_delay_after_boot", VRRP_DELAY_AFTER_BOOT).since("2.4")
                .doc("Startup delay applied only shortly after boot");
        s.bareFlag("log_unknown_vrids", LOG_UNKNOWN_VRIDS).doc("Log adverts for VRIDs not configured");
        s.string("vmac_prefix", VMAC_PREFIX).doc("Prefix of generated VMAC names (vrrp)");
        s.string("vmac_addr_prefix", VMAC_ADDR_PREFIX).doc("Prefix of VMACs for VIPs on other interfaces");
        s.custom("dynamic_interfaces", (b, a) -> {
            if (a.has(1)) {
                if (!a.word(1).equals("allow_if_changes")) {
                    a.error("Unknown dynamic_interfaces option '" + a.word(1) + "'");
                    return;
                }
                b.set(DYNAMIC_INTERFACES_ALLOW_IF_CHANGES, true, a.origin());
            }
            b.set(DYNAMIC_INTERFACES, true, a.origin());
        }).doc("Allow interfaces that do not exist yet [allow_if_changes]");
        s.custom("vrrp_rx_bufs_policy", VrrpDefaultsKeywords::rxBufsPolicy).doc("MTU | ADVERT | bytes");
        s.custom("vrrp_rx_bufs_multiplier", (b, a) -> {
            if (!a.has(1)) {
                a.error("Invalid vrrp_rx_bufs_multiplier");
                return;
            }
            Long v = GlobalArgs.integer(a, 1, 1, GlobalArgs.UINT_MAX);
            if (v == null) {
                a.error("Invalid vrrp_rx_bufs_multiplier " + a.word(1));
            } else {
                b.set(VRRP_RX_BUFS_MULTIPLIER, v, a.origin());
            }
        }).doc("Multiplier of the MTU/ADVERT policy (3)");

        s.custom("vrrp_iptables", (b, a) -> {
            // Debian's 2.2.7 is built without iptables: it falls back to nftables.
            a.error("iptables not supported, using nftables instead. Please replace 'vrrp_iptables and "
                    + "'vrrp_ipsets' with 'nftables' config option");
            if (!b.isSet(NFTABLES)) {
                b.set(NFTABLES, DEFAULT_NFTABLES_TABLE, a.origin());
            }
        }).doc("iptables chains (replaced by nftables, as in Debian's build)");
        s.custom("vrrp_ipsets", (b, a) -> { }).since("2.4").unsupported()
                .doc("ipset names for iptables (no iptables support)");
        nftables(s, "nftables", NFTABLES, DEFAULT_NFTABLES_TABLE, "nftables")
                .doc("Use nftables [TABLE] (keepalived)");
        priority(s, "nftables_priority", NFTABLES_PRIORITY, "invalid nftables chain priority '%s'");
        s.bareFlag("nftables_counters", NFTABLES_COUNTERS).doc("Add counters to nftables rules");
        s.bareFlag("nftables_ifindex", NFTABLES_IFINDEX).doc("Match interfaces by index in nftables");
        nftables(s, "nftables_ipvs", NFTABLES_IPVS, DEFAULT_NFTABLES_IPVS_TABLE, "ipvs nftables")
                .doc("nftables table for virtual server group fwmarks");
        priority(s, "nftables_ipvs_priority", NFTABLES_IPVS_PRIORITY, "invalid ipvs nftables chain priority '%s'");
        s.custom("nftables_ipvs_start_fwmark", (b, a) -> {
            a.required(1);
            Long v = GlobalArgs.integer(a, 1, 1, GlobalArgs.UINT_MAX);
            if (v == null) {
                a.error("invalid ipvs nftables start_fwmark priority '" + a.word(1) + "'");
            } else {
                b.set(NFTABLES_IPVS_START_FWMARK, v, a.origin());
            }
        }).doc("First fwmark for virtual server groups (1000)");
        s.bareFlag("disable_local_igmp", DISABLE_LOCAL_IGMP).doc("Turn off igmp_link_local_mcast_reports");
    }

    private static void mcastGroup(Schema s, String word, Key<InetAddress> key, boolean v4) {
        s.custom(word, (b, a) -> {
            String w = a.required(1);
            InetAddress ip = InetAddresses.parse(w);
            if (ip == null) {
                a.error("Can't parse " + word + " [" + w + "]. Skipping");
            } else if (InetAddresses.isV4(ip) != v4) {
                a.error(word + " [" + w + "] is not IPv" + (v4 ? "4" : "6") + ". Skipping");
            } else if (!ip.isMulticastAddress()) {
                a.error(word + " [" + w + "] is not multicast. Skipping");
            } else {
                b.set(key, ip, a.origin());
            }
        }).doc("Multicast group of " + (v4 ? "IPv4" : "IPv6") + " adverts");
    }

    /** Whole seconds in [0, max], stored as microseconds; {@code fmt} gets (keyword, word). */
    private static Keyword seconds(Schema s, String word, Key<Long> key, long max, String fmt) {
        return s.custom(word, (b, a) -> {
            a.required(1);
            Long v = GlobalArgs.integer(a, 1, 0, max);
            if (v == null) {
                a.error(String.format(fmt, word, a.word(1)));
            } else {
                b.set(key, v * 1_000_000L, a.origin());
            }
        });
    }

    /** A repeat count: 0 is raised to 1 with an error, as keepalived does. */
    private static Keyword repeat(Schema s, String word, Key<Integer> key) {
        return s.custom(word, (b, a) -> {
            a.required(1);
            Long v = GlobalArgs.integer(a, 1, 0, GlobalArgs.UINT_MAX);
            if (v == null) {
                a.error(word + " '" + a.word(1) + "' invalid - ignoring");
                return;
            }
            if (v == 0) {
                a.error(word + " must be greater than 0, setting to 1");
                v = 1L;
            }
            b.set(key, (int) Math.min(v, Integer.MAX_VALUE), a.origin());
        });
    }

    private static Keyword interval(Schema s, String word, Key<Long> key) {
        return s.custom(word, (b, a) -> {
            a.required(1);
            Long v = GlobalArgs.seconds(a, 1, 0.000001, 4294.967295);
            if (v == null) {
                a.error(word + " '" + a.word(1) + "' is invalid");
            } else {
                b.set(key, v, a.origin());
            }
        });
    }

    private static Keyword delay(Schema s, String word, Key<Long> key) {
        return s.custom(word, (b, a) -> {
            a.required(1);
            Long v = GlobalArgs.seconds(a, 1, 0.001, 4294.967295);
            if (v == null) {
                a.error(word + " '" + a.word(1) + "' is invalid");
            } else {
                b.set(key, v, a.origin());
            }
        });
    }

    private static void garpExtraIf(Block.Builder b, Args a) {
        boolean all = false;
        String time = null;
        for (int i = 1; i < a.size(); i++) {
            if (a.word(i).equals("all")) {
                all = true;
            } else if (time == null) {
                time = a.word(i);
                Long v = GlobalArgs.integer(a, i, 1, 86400);
                if (v == null) {
                    a.error(a.keyword() + " '" + time + "' invalid - ignoring");
                    return;
                }
                b.set(VRRP_GARP_EXTRA_IF, new GarpExtraIf(v * 1_000_000L, false), a.origin());
            }
        }
        if (time == null) {
            a.error(a.keyword() + " specified without time - ignoring");
            return;
        }
        GarpExtraIf g = b.get(VRRP_GARP_EXTRA_IF);
        b.set(VRRP_GARP_EXTRA_IF, new GarpExtraIf(g.intervalMicros(), all), a.origin());
    }

    private static void rxBufsPolicy(Block.Builder b, Args a) {
        if (!a.has(1)) {
            a.error("vrrp_rx_bufs_policy missing");
            return;
        }
        RxBufsPolicy.Kind kind = null;
        for (int i = 1; i < a.size(); i++) {
            String w = a.word(i).toUpperCase(Locale.ROOT);
            if (w.equals("MTU") || w.equals("ADVERT")) {
                RxBufsPolicy.Kind k = RxBufsPolicy.Kind.valueOf(w);
                if (kind != null && kind != k) {
                    a.error("Cannot set both vrrp_rx_bufs_policy MTU and ADVERT, ignoring " + w);
                    continue;
                }
                kind = k;
                b.set(VRRP_RX_BUFS_POLICY, new RxBufsPolicy(k, 0), a.origin());
            } else {
                Long v = GlobalArgs.integer(a, i, 0, GlobalArgs.UINT_MAX);
                if (v == null) {
                    a.error("Invalid vrrp_rx_bufs_policy " + a.word(i));
                    continue;
                }
                b.set(VRRP_RX_BUFS_POLICY, new RxBufsPolicy(RxBufsPolicy.Kind.SIZE, v), a.origin());
            }
        }
    }

    private static Keyword nftables(Schema s, String word, Key<String> key, String dflt, String shown) {
        return s.custom(word, (b, a) -> {
            if (b.isSet(key)) {
                a.error(shown + " already specified - ignoring");
                return;
            }
            b.set(key, a.has(1) ? a.word(1) : dflt, a.origin());
        });
    }

    private static void priority(Schema s, String word, Key<Integer> key, String fmt) {
        s.custom(word, (b, a) -> {
            a.required(1);
            Long v = GlobalArgs.integer(a, 1, Integer.MIN_VALUE, Integer.MAX_VALUE);
            if (v == null) {
                a.error(String.format(fmt, a.word(1)));
            } else {
                b.set(key, v.intValue(), a.origin());
            }
        }).doc("nftables chain priority (-1)");
    }
}
