package keepalived.vrrp.io;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import keepalived.netlink.Address;
import keepalived.netlink.Link;
import keepalived.netlink.Rtnl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VRRP virtual MAC interfaces ({@code use_vmac}): a macvlan in private mode on the instance's
 * interface, named {@code vrrp.VRID} unless named in the config, with the MAC
 * 00:00:5e:00:01:VRID (IPv4) or 00:00:5e:00:02:VRID (IPv6). As keepalived 2.2.7 does (observed in a
 * namespace): the VMAC is created and brought up at start whatever the state and kept until stop;
 * on the VMAC arp_ignore=1, accept_local=1, rp_filter=0, promote_secondaries=1 (and IPv6 off for an
 * IPv4 VMAC); on the parent arp_ignore=1 and arp_filter=1; net.ipv4.conf.all.rp_filter set to 0
 * ("NOTICE: setting sysctl ...", see {@link #relaxAllRpFilter}). {@link #close()} restores the
 * rp_filter values and (unlike keepalived 2.2.7, which leaves them set) the parent's
 * arp_ignore/arp_filter, then deletes the VMACs. An IPv6 VMAC has addr_gen_mode none and the
 * parent's link-local address (keepalived 2.2.7 names it vrrp.VRID too).
 */
public final class VmacManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("keepalived.vrrp");

    private static final int RT_SCOPE_LINK = 253;
    private static final int IFA_F_NODAD = 0x02;
    private static final long FOREVER = 0xFFFFFFFFL;

    /** IFLA_MACVLAN_MODE private. */
    public static final int MACVLAN_MODE_PRIVATE = 1;

    /** One VMAC: its link, the parent it sits on. */
    public record Vmac(String instance, String name, int index, String parent, int parentIndex, byte[] mac) {
    }

    private final Rtnl rtnl;
    private final Path procSys;
    private final List<Vmac> vmacs = new ArrayList<>();
    /** sysctl path (relative to procSys) → value before we changed it, in change order. */
    private final Map<String, String> saved = new LinkedHashMap<>();

    public VmacManager(Rtnl rtnl) {
        this(rtnl, Path.of("/proc/sys"));
    }

    public VmacManager(Rtnl rtnl, Path procSys) {
        this.rtnl = rtnl;
        this.procSys = procSys;
    }

    /** keepalived's default VMAC name: {@code vrrp.VRID}. */
    public static String defaultName(int vrid) {
        return defaultName("vrrp", vrid);
    }

    /** The default VMAC name with global_defs' {@code vmac_prefix}: {@code PREFIX.VRID}. */
    public static String defaultName(String prefix, int vrid) {
        return prefix + "." + vrid;
    }

    /** 00:00:5e:00:01:VRID (IPv4) or 00:00:5e:00:02:VRID (IPv6). */
    public static byte[] virtualMac(int vrid, boolean ipv6) {
        return new byte[] {0, 0, 0x5e, 0, (byte) (ipv6 ? 2 : 1), (byte) vrid};
    }

    /** The settings of {@code use_vmac [NAME] [MAC]}: name (null: default) and MAC (null: default). */
    public record Spec(String name, byte[] mac) {
        /**
         * Parses the words after {@code use_vmac}: a word that reads as a MAC (6 octets, or 5 to
         * which the VRID is appended) is the MAC, the first other word is the name;
         * {@code netlink_notify_msg} and {@code group G} are skipped.
         */
        public static Spec parse(List<String> words, int vrid) {
            String name = null;
            byte[] mac = null;
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                if (w.equals("netlink_notify_msg")) {
                    continue;
                }
                if (w.equals("group")) {
                    i++;
                    continue;
                }
                byte[] m = mac(w, vrid);
                if (m != null && mac == null) {
                    mac = m;
                } else if (name == null && m == null) {
                    name = w;
                }
            }
            return new Spec(name, mac);
        }

        static byte[] mac(String w, int vrid) {
            String[] parts = w.split(":", -1);
            if (parts.length != 5 && parts.length != 6) {
                return null;
            }
            byte[] mac = new byte[6];
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 2) {
                    return null;
                }
                try {
                    mac[i] = (byte) Integer.parseInt(parts[i], 16);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            if (parts.length == 5) {
                mac[5] = (byte) vrid;
            }
            return mac;
        }
    }

    /**
     * Creates (after deleting a stale one of the same name, left by a killed run) and brings up the
     * VMAC {@code name} with {@code mac} on {@code parent}, setting keepalived's sysctls.
     */
    public Vmac create(String instance, String name, byte[] mac, String parent, int parentIndex,
            InetAddress linkLocal) throws IOException {
        boolean ipv6 = linkLocal != null;
        Link stale = rtnl.link(name).orElse(null);
        if (stale != null) {
            LOG.info("({}) Removing stale interface {} before creating the VMAC", instance, name);
            rtnl.deleteLink(stale.index());
        }
        Link link = rtnl.addMacvlan(name, parentIndex, mac, MACVLAN_MODE_PRIVATE);
        Vmac v = new Vmac(instance, name, link.index(), parent, parentIndex, mac.clone());
        vmacs.add(v);
        if (!ipv6) {
            // no IPv6 (nor its link-local address) on an IPv4 VMAC
            set("net/ipv6/conf/" + name + "/disable_ipv6", "1", false);
        } else {
            // an IPv6 VMAC gets no address of its own (addr_gen_mode none) but the parent's link-local
            set("net/ipv6/conf/" + name + "/addr_gen_mode", "1", false);
        }
        set("net/ipv4/conf/" + name + "/arp_ignore", "1", false);
        set("net/ipv4/conf/" + name + "/accept_local", "1", false);
        set("net/ipv4/conf/" + name + "/rp_filter", "0", false);
        set("net/ipv4/conf/" + name + "/promote_secondaries", "1", false);
        set("net/ipv4/conf/" + parent + "/arp_ignore", "1", true);
        set("net/ipv4/conf/" + parent + "/arp_filter", "1", true);
        rtnl.setLinkUp(link.index(), true);
        LOG.info("({}): Success creating VMAC interface {}", instance, name);
        if (ipv6 && !linkLocal.isAnyLocalAddress()) {
            try {
                rtnl.addAddress(new Address(link.index(), linkLocal, 64, null, null, null, RT_SCOPE_LINK, IFA_F_NODAD,
                        FOREVER, FOREVER));
            } catch (IOException e) {
                LOG.warn("({}) Adding {} to {} failed: {}", instance, linkLocal.getHostAddress(), name, e.getMessage());
            }
        }
        relaxAllRpFilter();
        return v;
    }

    /**
     * The kernel applies max(all, interface) rp_filter, so a VMAC's rp_filter 0 needs all.rp_filter
     * 0. Like keepalived 2.2.7 (observed), a non-zero all value N first moves to default and to every
     * other interface below N (lo aside), then all becomes 0; everything is put back at stop.
     */
    private void relaxAllRpFilter() {
        String all = read("net/ipv4/conf/all/rp_filter");
        if (all == null || all.equals("0")) {
            return;
        }
        int n = parse(all);
        String def = read("net/ipv4/conf/default/rp_filter");
        if (def != null && parse(def) < n) {
            LOG.info("NOTICE: setting sysctl net.ipv4.conf.default.rp_filter from {} to {}", def, all);
            set("net/ipv4/conf/default/rp_filter", all, true);
        }
        try (var dirs = Files.list(procSys.resolve("net/ipv4/conf"))) {
            for (Path d : dirs.toList()) {
                String ifname = d.getFileName().toString();
                if (ifname.equals("all") || ifname.equals("default") || ifname.equals("lo") || isVmac(ifname)) {
                    continue;
                }
                String key = "net/ipv4/conf/" + ifname + "/rp_filter";
                String v = read(key);
                if (v != null && parse(v) < n) {
                    set(key, all, true);
                }
            }
        } catch (IOException e) {
            LOG.warn("Listing net.ipv4.conf failed: {}", e.getMessage());
        }
        LOG.info("NOTICE: setting sysctl net.ipv4.conf.all.rp_filter from {} to 0", all);
        set("net/ipv4/conf/all/rp_filter", "0", true);
    }

    private boolean isVmac(String ifname) {
        for (Vmac v : vmacs) {
            if (v.name().equals(ifname)) {
                return true;
            }
        }
        return false;
    }

    private static int parse(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Deletes the VMAC {@code name} made by {@link #create} (an instance removed on reload). */
    public void delete(String name) {
        for (java.util.Iterator<Vmac> it = vmacs.iterator(); it.hasNext();) {
            Vmac v = it.next();
            if (v.name().equals(name)) {
                it.remove();
                try {
                    rtnl.deleteLink(v.index());
                    LOG.info("({}) Success removing VMAC interface {}", v.instance(), v.name());
                } catch (IOException e) {
                    LOG.warn("({}) Removing VMAC interface {} failed: {}", v.instance(), v.name(), e.getMessage());
                }
            }
        }
    }

    /**
     * The VMAC {@code name} was deleted by someone else: made again as before (keepalived 2.2.7
     * recreates an instance's VMAC, observed); null if it is not one of ours.
     */
    public Vmac recreate(String name, InetAddress linkLocal) throws IOException {
        for (java.util.Iterator<Vmac> it = vmacs.iterator(); it.hasNext();) {
            Vmac v = it.next();
            if (v.name().equals(name)) {
                it.remove();
                return create(v.instance(), v.name(), v.mac(), v.parent(), v.parentIndex(), linkLocal);
            }
        }
        return null;
    }

    /** The VMACs made so far. */
    public List<Vmac> vmacs() {
        return List.copyOf(vmacs);
    }

    /** Deletes every VMAC and restores the sysctls changed outside them. */
    @Override
    public void close() {
        // keepalived's order: sysctls back first, then the VMACs go
        List<Map.Entry<String, String>> changes = new ArrayList<>(saved.entrySet());
        for (int i = changes.size() - 1; i >= 0; i--) {
            Map.Entry<String, String> e = changes.get(i);
            if (e.getKey().equals("net/ipv4/conf/all/rp_filter")) {
                LOG.info("NOTICE: resetting sysctl net.ipv4.conf.all.rp_filter to {}", e.getValue());
            } else if (e.getKey().equals("net/ipv4/conf/default/rp_filter")) {
                LOG.info("NOTICE: resetting sysctl net.ipv4.conf.default.rp_filter to {}", e.getValue());
            }
            write(e.getKey(), e.getValue());
        }
        saved.clear();
        for (Vmac v : vmacs) {
            try {
                rtnl.deleteLink(v.index());
                LOG.info("({}) Success removing VMAC interface {}", v.instance(), v.name());
            } catch (IOException e) {
                LOG.warn("({}) Removing VMAC interface {} failed: {}", v.instance(), v.name(), e.getMessage());
            }
        }
        vmacs.clear();
    }

    private void set(String key, String value, boolean restore) {
        String before = read(key);
        if (before == null) {
            LOG.warn("sysctl {} is not available", key.replace('/', '.'));
            return;
        }
        if (before.equals(value)) {
            return;
        }
        if (restore) {
            saved.putIfAbsent(key, before);
        }
        write(key, value);
    }

    private String read(String key) {
        try {
            return Files.readString(procSys.resolve(key), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return null;
        }
    }

    private void write(String key, String value) {
        try {
            Files.writeString(procSys.resolve(key), value + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            LOG.warn("Setting sysctl {} to {} failed: {}", key.replace('/', '.').toLowerCase(Locale.ROOT), value,
                    e.getMessage());
        }
    }
}
