package keepalived.vrrp.state;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import keepalived.config.Block;
import keepalived.config.Key;
import keepalived.config.global.GlobalDefsKeywords;
import keepalived.config.net.IpAddress;
import keepalived.config.net.Route;
import keepalived.config.net.Rule;
import keepalived.config.vrrp.AuthType;
import keepalived.config.vrrp.NotifyScript;
import keepalived.config.vrrp.TrackRef;
import keepalived.config.vrrp.UnicastPeer;
import keepalived.config.vrrp.VrrpInstanceKeywords;
import keepalived.vrrp.packet.AdvertTemplate;

/**
 * The typed view of one {@code vrrp_instance} that the runtime uses, with the global_defs
 * defaults already applied. Times are in microseconds, as in the config model.
 *
 * @param version 2 or 3 (IPv6 instances are always 3)
 * @param ipv6 the family of the adverts (that of the first VIP, or of unicast_src_ip when no VIP)
 * @param basePriority configured priority (255 = address owner)
 * @param wantMaster {@code state MASTER}
 * @param mcastGroup the multicast destination (mcast_dst_ip or the global group of the family)
 * @param srcIp unicast_src_ip / mcast_src_ip, null for the interface's primary address
 * @param authPass PASS password (v2), null when no PASS authentication
 * @param garpMasterDelayUs second GARP burst after becoming MASTER (0 = none)
 * @param garpMasterRefreshUs periodic GARP while MASTER (0 = none)
 * @param accept accept mode (the default unless strict)
 * @param trackers every track_* entry; a null weight means "the tracked object's own weight"
 *                 (see {@link #withTrackWeights})
 */
public record InstanceConfig(String name, int vrid, String interfaceName, int version, boolean ipv6,
        int basePriority, long advertIntUs, boolean wantMaster, boolean nopreempt, long preemptDelayUs,
        List<IpAddress> vips, List<IpAddress> evips, List<Route> vroutes, List<Rule> vrules,
        InetAddress mcastGroup, InetAddress srcIp, List<UnicastPeer> unicastPeers, int unicastTtl,
        boolean checkUnicastSrc, AuthType authType, String authPass,
        long garpMasterDelayUs, int garpMasterRepeat, long garpMasterRefreshUs, int garpMasterRefreshRepeat,
        long garpLowerPrioDelayUs, int garpLowerPrioRepeat, boolean minGarp,
        boolean lowerPrioNoAdvert, boolean higherPrioSendAdvert, int downTimerAdverts, boolean accept,
        boolean ownerIgnoreAdverts, boolean skipCheckAdvAddr, boolean strict, boolean v3ChecksumAsV2,
        boolean dontTrackPrimary, List<Track> trackers,
        NotifyScript notifyMaster, NotifyScript notifyBackup, NotifyScript notifyFault, NotifyScript notifyStop,
        NotifyScript notifyGeneric, NotifyScript notifyMasterRxLowerPri, boolean notifyPriorityChanges) {

    public InstanceConfig {
        vips = List.copyOf(vips);
        evips = List.copyOf(evips);
        vroutes = List.copyOf(vroutes);
        vrules = List.copyOf(vrules);
        unicastPeers = List.copyOf(unicastPeers);
        trackers = List.copyOf(trackers);
    }

    /**
     * One tracked object of the instance.
     *
     * @param weight null: the object's own weight (vrrp_script weight; 0 for interfaces)
     */
    public record Track(TrackKind kind, String name, Integer weight, boolean reverse) {
    }

    /** Whether the instance is the address owner (priority 255). */
    public boolean owner() {
        return basePriority == 255;
    }

    public boolean unicast() {
        return !unicastPeers.isEmpty();
    }

    /**
     * Whether adverts carry IPsec AH: {@code auth_type AH} with a password on a VRRPv2 IPv4
     * instance outside strict mode (keepalived ignores it otherwise, with a config error).
     */
    public boolean ah() {
        return authType == AuthType.AH && authPass != null && version == 2 && !ipv6 && !strict;
    }

    /** The same configuration with every null tracker weight resolved by {@code objectWeight}. */
    public InstanceConfig withTrackWeights(ToIntFunction<Track> objectWeight) {
        return withTracks(t -> t.weight() != null ? t
                : new Track(t.kind(), t.name(), objectWeight.applyAsInt(t), t.reverse()));
    }

    /** The same configuration with {@code extra} trackers after its own (static entries' track_group interfaces). */
    public InstanceConfig plusTracks(List<Track> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        List<Track> all = new ArrayList<>(trackers);
        all.addAll(extra);
        return withTrackList(all);
    }

    /** The same configuration with other VIPs and eVIPs (moved onto address VMACs). */
    public InstanceConfig withAddresses(List<IpAddress> otherVips, List<IpAddress> otherEvips) {
        return new InstanceConfig(name, vrid, interfaceName, version, ipv6, basePriority, advertIntUs, wantMaster,
                nopreempt, preemptDelayUs, otherVips, otherEvips, vroutes, vrules, mcastGroup, srcIp, unicastPeers,
                unicastTtl, checkUnicastSrc, authType, authPass, garpMasterDelayUs, garpMasterRepeat,
                garpMasterRefreshUs, garpMasterRefreshRepeat, garpLowerPrioDelayUs, garpLowerPrioRepeat, minGarp,
                lowerPrioNoAdvert, higherPrioSendAdvert, downTimerAdverts, accept, ownerIgnoreAdverts,
                skipCheckAdvAddr, strict, v3ChecksumAsV2, dontTrackPrimary, trackers, notifyMaster, notifyBackup,
                notifyFault, notifyStop, notifyGeneric, notifyMasterRxLowerPri, notifyPriorityChanges);
    }

    /**
     * The same configuration with every tracker replaced by {@code resolve}'s answer (the runtime
     * fills in the tracked object's own weight and {@code weight ... reverse} there).
     */
    public InstanceConfig withTracks(java.util.function.UnaryOperator<Track> resolve) {
        List<Track> l = new ArrayList<>(trackers.size());
        for (Track t : trackers) {
            l.add(resolve.apply(t));
        }
        return copy(l, notifyPriorityChanges);
    }

    /** The same configuration tracking exactly {@code tracks} (already resolved). */
    public InstanceConfig withTrackList(List<Track> tracks) {
        return copy(tracks, notifyPriorityChanges);
    }

    /** The same configuration with notify_priority_changes set to {@code on}. */
    public InstanceConfig withNotifyPriorityChanges(boolean on) {
        return copy(trackers, on);
    }

    private InstanceConfig copy(List<Track> l, boolean priorityChanges) {
        return new InstanceConfig(name, vrid, interfaceName, version, ipv6, basePriority, advertIntUs, wantMaster,
                nopreempt, preemptDelayUs, vips, evips, vroutes, vrules, mcastGroup, srcIp, unicastPeers, unicastTtl,
                checkUnicastSrc, authType, authPass, garpMasterDelayUs, garpMasterRepeat, garpMasterRefreshUs,
                garpMasterRefreshRepeat, garpLowerPrioDelayUs, garpLowerPrioRepeat, minGarp, lowerPrioNoAdvert,
                higherPrioSendAdvert, downTimerAdverts, accept, ownerIgnoreAdverts, skipCheckAdvAddr, strict,
                v3ChecksumAsV2, dontTrackPrimary, l, notifyMaster, notifyBackup, notifyFault, notifyStop, notifyGeneric,
                notifyMasterRxLowerPri, priorityChanges);
    }

    /** The advert template: our VIPs of the advert family, in configuration order. */
    public AdvertTemplate advertTemplate() {
        int alen = ipv6 ? 16 : 4;
        List<IpAddress> same = new ArrayList<>();
        for (IpAddress a : vips) {
            if (a.isIpv6() == ipv6) {
                same.add(a);
            }
        }
        int count = Math.min(255, same.size());
        byte[] bytes = new byte[count * alen];
        for (int i = 0; i < count; i++) {
            System.arraycopy(same.get(i).address().getAddress(), 0, bytes, i * alen, alen);
        }
        byte[] pass = version == 2 && authType == AuthType.PASS && authPass != null
                ? authPass.getBytes(StandardCharsets.ISO_8859_1) : null;
        return new AdvertTemplate(version, ipv6, vrid, advertIntUs, bytes, count, pass, v3ChecksumAsV2, ah());
    }

    /**
     * keepalived clears {@code state MASTER} with AH below priority 255 ({@code Initial state master
     * is incompatible with AH authentication - clearing}, reported by the config checks).
     */
    private static boolean initialMasterCleared(Block instance, int version, boolean ipv6, boolean strict, int prio) {
        return instance.get(VrrpInstanceKeywords.AUTH_TYPE) == AuthType.AH
                && instance.get(VrrpInstanceKeywords.AUTH_PASS) != null && version == 2 && !ipv6 && !strict
                && prio != 255;
    }

    /** Builds the view of {@code instance} with the defaults of {@code globalDefs} (may be null). */
    public static InstanceConfig from(Block instance, Block globalDefs) {
        Block g = globalDefs;
        List<IpAddress> vips = instance.get(VrrpInstanceKeywords.VIRTUAL_IPADDRESS);
        InetAddress src = instance.get(VrrpInstanceKeywords.SRC_IP);
        boolean ipv6 = !vips.isEmpty() ? vips.get(0).isIpv6()
                : src != null ? src instanceof Inet6Address : instance.get(VrrpInstanceKeywords.NATIVE_IPV6);
        Integer v = instance.get(VrrpInstanceKeywords.VERSION);
        int version = ipv6 ? 3 : v != null ? v : global(g, GlobalDefsKeywords.VRRP_VERSION);
        boolean strict = or(instance.get(VrrpInstanceKeywords.STRICT_MODE), global(g, GlobalDefsKeywords.VRRP_STRICT));
        InetAddress group = instance.get(VrrpInstanceKeywords.MCAST_DST_IP);
        if (group == null) {
            group = ipv6 ? global(g, GlobalDefsKeywords.VRRP_MCAST_GROUP6) : global(g, GlobalDefsKeywords.VRRP_MCAST_GROUP4);
        }
        long garpDelay = seconds(instance.get(VrrpInstanceKeywords.GARP_MASTER_DELAY),
                global(g, GlobalDefsKeywords.VRRP_GARP_MASTER_DELAY));
        int garpRepeat = or(instance.get(VrrpInstanceKeywords.GARP_MASTER_REPEAT),
                global(g, GlobalDefsKeywords.VRRP_GARP_MASTER_REPEAT));
        Long gLowerDelay = global(g, GlobalDefsKeywords.VRRP_GARP_LOWER_PRIO_DELAY);
        Integer gLowerRepeat = global(g, GlobalDefsKeywords.VRRP_GARP_LOWER_PRIO_REPEAT);
        long lowerDelay = seconds(instance.get(VrrpInstanceKeywords.GARP_LOWER_PRIO_DELAY),
                gLowerDelay != null ? gLowerDelay : garpDelay);
        int lowerRepeat = or(instance.get(VrrpInstanceKeywords.GARP_LOWER_PRIO_REPEAT),
                gLowerRepeat != null ? gLowerRepeat : garpRepeat);
        Boolean acc = instance.get(VrrpInstanceKeywords.ACCEPT);
        int prio = instance.get(VrrpInstanceKeywords.PRIORITY);
        List<Track> trackers = new ArrayList<>();
        tracks(trackers, TrackKind.INTERFACE, instance.get(VrrpInstanceKeywords.TRACK_INTERFACE));
        tracks(trackers, TrackKind.SCRIPT, instance.get(VrrpInstanceKeywords.TRACK_SCRIPT));
        tracks(trackers, TrackKind.FILE, instance.get(VrrpInstanceKeywords.TRACK_FILE));
        tracks(trackers, TrackKind.PROCESS, instance.get(VrrpInstanceKeywords.TRACK_PROCESS));
        tracks(trackers, TrackKind.BFD, instance.get(VrrpInstanceKeywords.TRACK_BFD));
        return new InstanceConfig(
                instance.name(),
                or(instance.get(VrrpInstanceKeywords.VIRTUAL_ROUTER_ID), 0),
                instance.get(VrrpInstanceKeywords.INTERFACE),
                version,
                ipv6,
                prio,
                instance.get(VrrpInstanceKeywords.ADVERT_INT),
                instance.get(VrrpInstanceKeywords.STATE) == keepalived.config.vrrp.VrrpState.MASTER
                        && !initialMasterCleared(instance, version, ipv6, strict, prio),
                instance.get(VrrpInstanceKeywords.NOPREEMPT),
                instance.get(VrrpInstanceKeywords.PREEMPT_DELAY),
                vips,
                instance.get(VrrpInstanceKeywords.VIRTUAL_IPADDRESS_EXCLUDED),
                instance.get(VrrpInstanceKeywords.VIRTUAL_ROUTES),
                instance.get(VrrpInstanceKeywords.VIRTUAL_RULES),
                group,
                src,
                instance.get(VrrpInstanceKeywords.UNICAST_PEERS),
                instance.get(VrrpInstanceKeywords.UNICAST_TTL),
                instance.get(VrrpInstanceKeywords.CHECK_UNICAST_SRC)
                        || global(g, GlobalDefsKeywords.VRRP_CHECK_UNICAST_SRC),
                instance.get(VrrpInstanceKeywords.AUTH_TYPE),
                instance.get(VrrpInstanceKeywords.AUTH_PASS),
                garpDelay,
                garpRepeat,
                seconds(instance.get(VrrpInstanceKeywords.GARP_MASTER_REFRESH),
                        global(g, GlobalDefsKeywords.VRRP_GARP_MASTER_REFRESH)),
                or(instance.get(VrrpInstanceKeywords.GARP_MASTER_REFRESH_REPEAT),
                        global(g, GlobalDefsKeywords.VRRP_GARP_MASTER_REFRESH_REPEAT)),
                lowerDelay,
                lowerRepeat,
                global(g, GlobalDefsKeywords.VRRP_MIN_GARP),
                or(instance.get(VrrpInstanceKeywords.LOWER_PRIO_NO_ADVERT),
                        or(global(g, GlobalDefsKeywords.VRRP_LOWER_PRIO_NO_ADVERT), strict)),
                or(instance.get(VrrpInstanceKeywords.HIGHER_PRIO_SEND_ADVERT),
                        or(global(g, GlobalDefsKeywords.VRRP_HIGHER_PRIO_SEND_ADVERT), false)),
                or(instance.get(VrrpInstanceKeywords.DOWN_TIMER_ADVERTS),
                        global(g, GlobalDefsKeywords.VRRP_DOWN_TIMER_ADVERTS)),
                acc != null ? acc : !strict || prio == 255,
                instance.get(VrrpInstanceKeywords.OWNER_IGNORE_ADVERTS)
                        || global(g, GlobalDefsKeywords.VRRP_OWNER_IGNORE_ADVERTS) || strict && prio == 255,
                or(instance.get(VrrpInstanceKeywords.SKIP_CHECK_ADV_ADDR),
                        global(g, GlobalDefsKeywords.VRRP_SKIP_CHECK_ADV_ADDR)),
                strict,
                global(g, GlobalDefsKeywords.V3_CHECKSUM_AS_V2),
                instance.get(VrrpInstanceKeywords.DONT_TRACK_PRIMARY),
                trackers,
                instance.get(VrrpInstanceKeywords.NOTIFY_MASTER),
                instance.get(VrrpInstanceKeywords.NOTIFY_BACKUP),
                instance.get(VrrpInstanceKeywords.NOTIFY_FAULT),
                instance.get(VrrpInstanceKeywords.NOTIFY_STOP),
                instance.get(VrrpInstanceKeywords.NOTIFY),
                instance.get(VrrpInstanceKeywords.NOTIFY_MASTER_RX_LOWER_PRI),
                or(instance.get(VrrpInstanceKeywords.NOTIFY_PRIORITY_CHANGES),
                        global(g, GlobalDefsKeywords.VRRP_NOTIFY_PRIORITY_CHANGES)));
    }

    private static void tracks(List<Track> into, TrackKind kind, List<TrackRef> refs) {
        for (TrackRef r : refs) {
            into.add(new Track(kind, r.name(), r.weight(), r.reverse()));
        }
    }

    private static <T> T global(Block g, Key<T> key) {
        return g == null ? key.defaultValue() : g.get(key);
    }

    private static <T> T or(T v, T dflt) {
        return v != null ? v : dflt;
    }

    private static long seconds(Integer instanceSeconds, long globalUs) {
        return instanceSeconds != null ? instanceSeconds * 1_000_000L : globalUs;
    }
}
