package keepalived.vrrp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import keepalived.config.Block;
import keepalived.config.vrrp.VrrpInstanceKeywords;
import keepalived.vrrp.state.InstanceConfig;

/**
 * What a reload changes, as {@link VrrpDaemon} applies it: which running instance a new
 * {@code vrrp_instance} block continues, and the addresses, routes and rules that disappeared or
 * appeared in a list.
 *
 * <p>Instances are matched by name, as keepalived's notes and man page describe; a match whose
 * {@link Identity} changed (interface, VRID, family, VRRP version, unicast vs multicast, the
 * unicast source that picks its socket, its VMAC, AH or not) is not the same router any more, so the old one
 * is removed and the new one starts from INIT. keepalived 2.2.7 itself matches on VRID, family
 * and interface and would keep the state of an instance that was only renamed; we restart it,
 * which is the conservative choice (a rename is rare, a changed VRID kept as MASTER is wrong).
 */
final class ConfigDiff {
    private ConfigDiff() {
    }

    /** What makes an instance the same virtual router on the same socket. */
    record Identity(String interfaceName, int vrid, boolean ipv6, int version, boolean unicast,
            InetAddress unicastSource, List<String> vmac, boolean vmacXmitBase, boolean ah,
            List<String> addressVmacDevs) {

        static Identity of(Block block, InstanceConfig ic) {
            return new Identity(ic.interfaceName(), ic.vrid(), ic.ipv6(), ic.version(), ic.unicast(),
                    ic.unicast() ? ic.srcIp() : null, block.get(VrrpInstanceKeywords.USE_VMAC),
                    block.get(VrrpInstanceKeywords.VMAC_XMIT_BASE), ic.ah(),
                    keepalived.vrrp.io.AddressVmacs.devices(ic.interfaceName(),
                            List.of(block.get(VrrpInstanceKeywords.VIRTUAL_IPADDRESS),
                                    block.get(VrrpInstanceKeywords.VIRTUAL_IPADDRESS_EXCLUDED)),
                            block.get(VrrpInstanceKeywords.USE_VMAC_ADDR)));
        }

        /** What differs from {@code other}, for the log ("" when nothing does). */
        String changesTo(Identity other) {
            List<String> d = new ArrayList<>();
            if (!Objects.equals(interfaceName, other.interfaceName)) {
                d.add("interface " + interfaceName + " -> " + other.interfaceName);
            }
            if (vrid != other.vrid) {
                d.add("virtual_router_id " + vrid + " -> " + other.vrid);
            }
            if (ipv6 != other.ipv6) {
                d.add("family " + (ipv6 ? "IPv6" : "IPv4") + " -> " + (other.ipv6 ? "IPv6" : "IPv4"));
            }
            if (version != other.version) {
                d.add("version " + version + " -> " + other.version);
            }
            if (unicast != other.unicast) {
                d.add(unicast ? "unicast -> multicast" : "multicast -> unicast");
            } else if (!Objects.equals(unicastSource, other.unicastSource)) {
                d.add("unicast_src_ip changed");
            }
            if (!Objects.equals(vmac, other.vmac) || vmacXmitBase != other.vmacXmitBase) {
                d.add("use_vmac changed");
            }
            if (ah != other.ah) {
                d.add("auth_type AH " + (ah ? "removed" : "added")); // another socket (IP protocol 51)
            }
            if (!Objects.equals(addressVmacDevs, other.addressVmacDevs)) {
                d.add("address VMACs changed");
            }
            return String.join(", ", d);
        }
    }

    /** The elements of {@code before} that {@code after} no longer has, in {@code before}'s order. */
    static <T> List<T> removed(List<T> before, List<T> after) {
        List<T> out = new ArrayList<>();
        for (T t : before) {
            if (!after.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /** The elements of {@code after} that {@code before} did not have, in {@code after}'s order. */
    static <T> List<T> added(List<T> before, List<T> after) {
        return removed(after, before);
    }
}
