package keepalived.vrrp.io;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import keepalived.config.net.IpPrefix;
import keepalived.net.ArpFrame;
import keepalived.net.IpConstants;
import keepalived.net.NeighbourAdvert;
import keepalived.net.PacketSocket;
import keepalived.net.RawSocket;
import keepalived.net.SockAddr;
import keepalived.sys.NativeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the gratuitous ARPs (IPv4, over AF_PACKET) and unsolicited neighbour advertisements
 * (IPv6, over an ICMPv6 raw socket with hop limit 255) a new master announces its VIPs with.
 * The sockets are opened on first use; per-interface data (MAC, link destination) is cached and
 * refreshed by {@link #forget(String)} when a link changes.
 */
public final class Announcer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("keepalived.vrrp");

    private record Iface(int ifindex, byte[] mac, byte[] broadcastDest, byte[] allNodesDest) {
    }

    private final VipManager.Interfaces interfaces;
    private final Map<String, Iface> cache = new HashMap<>();
    private final ByteBuffer frame = ByteBuffer.allocateDirect(ArpFrame.SIZE).order(ByteOrder.BIG_ENDIAN);
    private final ByteBuffer na = ByteBuffer.allocateDirect(NeighbourAdvert.SIZE).order(ByteOrder.BIG_ENDIAN);
    private PacketSocket packet;
    private RawSocket icmp6;
    private long sent;
    private long failed;

    public Announcer(VipManager.Interfaces interfaces) {
        this.interfaces = interfaces;
    }

    /** Sends one gratuitous ARP or unsolicited NA for {@code address} on {@code ifname}. */
    public boolean announce(String ifname, InetAddress address) {
        try {
            Iface i = iface(ifname);
            if (i == null) {
                return false;
            }
            if (address instanceof Inet4Address) {
                frame.clear();
                ArpFrame.gratuitous(frame, i.mac(), address.getAddress());
                frame.flip();
                LOG.debug("Sending gratuitous ARP on {} for {}", ifname, IpPrefix.format(address));
                packet.send(frame, i.broadcastDest());
            } else {
                na.clear();
                NeighbourAdvert.unsolicited(na, (Inet6Address) address, i.mac(), forwarding(ifname));
                na.flip();
                LOG.debug("Sending unsolicited Neighbour Advert on {} for {}", ifname, IpPrefix.format(address));
                icmp6.send(na, i.allNodesDest());
            }
            sent++;
            return true;
        } catch (IOException e) {
            if (failed++ % 100 == 0) {
                LOG.warn("Unable to announce {} on {}: {}", IpPrefix.format(address), ifname, e.getMessage());
            }
            return false;
        }
    }

    private Iface iface(String ifname) throws NativeException {
        Iface i = cache.get(ifname);
        if (i != null) {
            return i;
        }
        int ifindex = interfaces.index(ifname);
        if (ifindex <= 0) {
            LOG.warn("Cannot announce on {}: no such interface", ifname);
            return null;
        }
        if (packet == null) {
            packet = PacketSocket.open();
        }
        if (icmp6 == null) {
            icmp6 = RawSocket.icmpv6();
            icmp6.blockAllIcmp6Input();
            icmp6.multicastHops(255);
            icmp6.unicastHops(255);
            icmp6.multicastLoop(false);
        }
        byte[] mac = packet.hardwareAddress(ifname);
        i = new Iface(ifindex, mac, SockAddr.link(ifindex, IpConstants.ETH_P_ARP, ArpFrame.BROADCAST),
                SockAddr.inet(NeighbourAdvert.ALL_NODES, 0, ifindex));
        cache.put(ifname, i);
        return i;
    }

    /** Whether IPv6 forwarding is on for the interface (the NA's router flag, as keepalived sets it). */
    private static boolean forwarding(String ifname) {
        try {
            return Files.readString(Path.of("/proc/sys/net/ipv6/conf", ifname, "forwarding")).trim().equals("1");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Drops cached data of an interface (index or MAC may have changed). */
    public void forget(String ifname) {
        cache.remove(ifname);
    }

    public long sent() {
        return sent;
    }

    @Override
    public void close() {
        try {
            if (packet != null) {
                packet.close();
            }
            if (icmp6 != null) {
                icmp6.close();
            }
        } catch (NativeException e) {
            LOG.debug("close: {}", e.getMessage());
        }
    }
}
