package keepalived.vrrp.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import keepalived.config.Block;
import keepalived.config.global.GlobalDefsKeywords;
import keepalived.config.net.IpAddress;
import keepalived.vrrp.state.InstanceConfig;
import keepalived.vrrp.state.TrackKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Address VMACs: with {@code use_vmac_addr}, every interface other than the instance's that
 * carries one of its VIPs/eVIPs ({@code dev X}) gets a VMAC of its own, and so does the
 * interface of a VIP line with the word {@code use_vmac}. As keepalived 2.2.7 does (observed):
 * named {@code vmac_addr_prefix.VRID} (default: vmac_prefix), the instance's virtual MAC, made at
 * start; the VIPs go on it and GARPs leave from it. The instance tracks it: an admin deleting it
 * puts the instance in FAULT, and unlike the instance's own VMAC it is not made again.
 */
public final class AddressVmacs {
    private static final Logger LOG = LoggerFactory.getLogger("keepalived.vrrp");

    private AddressVmacs() {
    }

    /** The interfaces whose addresses go on a VMAC, in first-use order. */
    public static List<String> devices(InstanceConfig ic, boolean useVmacAddr) {
        return devices(ic.interfaceName(), List.of(ic.vips(), ic.evips()), useVmacAddr);
    }

    /** As above, from the configured address lists (not yet moved) of an instance on {@code iface}. */
    public static List<String> devices(String iface, List<List<IpAddress>> lists, boolean useVmacAddr) {
        Set<String> devs = new LinkedHashSet<>();
        for (List<IpAddress> l : lists) {
            for (IpAddress ip : l) {
                if (ip.dev() != null && !ip.dev().equals(iface) && (useVmacAddr || ip.useVmac())) {
                    devs.add(ip.dev());
                }
            }
        }
        return List.copyOf(devs);
    }

    /** vmac_addr_prefix, else vmac_prefix, else "vrrp". */
    public static String prefix(Block globals) {
        if (globals == null) {
            return GlobalDefsKeywords.VMAC_PREFIX.defaultValue();
        }
        return globals.isSet(GlobalDefsKeywords.VMAC_ADDR_PREFIX) ? globals.get(GlobalDefsKeywords.VMAC_ADDR_PREFIX)
                : globals.get(GlobalDefsKeywords.VMAC_PREFIX);
    }

    /**
     * Makes a VMAC on each of {@code devs} with the instance's virtual MAC; returns interface →
     * VMAC name. One that cannot be made is logged and its addresses stay on the interface.
     */
    public static Map<String, String> create(VmacManager vmacs, String prefix, InstanceConfig ic, List<String> devs,
            VipManager.Interfaces interfaces) {
        Map<String, String> made = new LinkedHashMap<>();
        for (String dev : devs) {
            String name = name(prefix, made.size(), ic.vrid());
            try {
                int parent = interfaces.index(dev);
                if (parent <= 0) {
                    throw new IOException("no interface " + dev);
                }
                made.put(dev, vmacs.create(ic.name(), name, VmacManager.virtualMac(ic.vrid(), ic.ipv6()), dev, parent,
                        null).name());
            } catch (IOException e) {
                LOG.error("({}) Creating VMAC interface {} on {} failed: {}", ic.name(), name, dev, e.getMessage());
            }
        }
        return made;
    }

    /** {@code PREFIX.VRID} for the first, then {@code PREFIX1.VRID}, {@code PREFIX2.VRID} ... */
    public static String name(String prefix, int index, int vrid) {
        return prefix + (index == 0 ? "" : Integer.toString(index)) + "." + vrid;
    }

    /**
     * {@code ic} with the addresses of each interface in {@code vmacByDev} moved onto its VMAC
     * and each VMAC tracked as an interface (weight 0: FAULT when it goes).
     */
    public static InstanceConfig apply(InstanceConfig ic, Map<String, String> vmacByDev, boolean useVmacAddr) {
        if (vmacByDev.isEmpty()) {
            return ic;
        }
        List<IpAddress> vips = move(ic.vips(), ic, vmacByDev, useVmacAddr);
        List<IpAddress> evips = move(ic.evips(), ic, vmacByDev, useVmacAddr);
        List<InstanceConfig.Track> tracks = new ArrayList<>();
        for (String vmac : vmacByDev.values()) {
            tracks.add(new InstanceConfig.Track(TrackKind.INTERFACE, vmac, 0, false));
        }
        return ic.withAddresses(vips, evips).plusTracks(tracks);
    }

    private static List<IpAddress> move(List<IpAddress> l, InstanceConfig ic, Map<String, String> vmacByDev,
            boolean useVmacAddr) {
        List<IpAddress> out = new ArrayList<>(l.size());
        for (IpAddress ip : l) {
            String vmac = ip.dev() == null || ip.dev().equals(ic.interfaceName()) || !(useVmacAddr || ip.useVmac())
                    ? null : vmacByDev.get(ip.dev());
            out.add(vmac == null ? ip : ip.withDev(vmac));
        }
        return out;
    }
}
