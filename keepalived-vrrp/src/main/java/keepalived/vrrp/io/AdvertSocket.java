package keepalived.vrrp.io;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

import keepalived.net.IpConstants;
import keepalived.net.RawSocket;
import keepalived.net.ReceiveInfo;
import keepalived.net.SockAddr;
import keepalived.sys.NativeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VRRP socket of one interface and family (keepalived's sockpool entry): a raw protocol-112
 * socket bound to the device, joined to the instances' multicast groups (224.0.0.18 / ff02::12
 * by default, {@link #join}) or, for unicast instances, bound to the unicast source address. Received datagrams are handed over
 * with the IPv4 header already stripped and the TTL / hop limit taken from it (or the cmsg).
 * Non-blocking; registered in the event loop by its owner.
 *
 * <p>Instances with {@code auth_type AH} get their own IPv4 socket of protocol 51 (keepalived's
 * sockpool has a protocol per entry too): it sends whole IP packets (IP_HDRINCL, since the AH ICV
 * covers the IP id and TTL) and receives AH packets, the IP header left in front of the position.
 */
public final class AdvertSocket implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("keepalived.vrrp");

    public static final InetAddress GROUP_V4 = literal("224.0.0.18");
    public static final InetAddress GROUP_V6 = literal("ff02::12");

    /** Receives each advert: payload positioned at the VRRP header, limit at its end. */
    @FunctionalInterface
    public interface Receiver {
        void onAdvert(AdvertSocket socket, ByteBuffer payload, ReceiveInfo info, int ttl, byte[] destination);
    }

    private final String ifname;
    private final int ifindex;
    private final boolean ipv6;
    private final InetAddress unicastSource;
    private final boolean ah;
    private final RawSocket socket;
    private final byte[] destination = new byte[16];
    private long receiveErrors;
    private long sendErrors;

    private AdvertSocket(String ifname, int ifindex, boolean ipv6, InetAddress unicastSource, boolean ah,
            RawSocket socket) {
        this.ah = ah;
        this.ifname = ifname;
        this.ifindex = ifindex;
        this.ipv6 = ipv6;
        this.unicastSource = unicastSource;
        this.socket = socket;
    }

    /**
     * Opens the socket of {@code ifname}. With a {@code unicastSource} it binds to that address
     * (unicast peers), sending with {@code unicastTtl}; multicast users then {@link #join} groups.
     */
    public static AdvertSocket open(String ifname, int ifindex, boolean ipv6, InetAddress unicastSource,
            int unicastTtl) throws NativeException {
        return open(ifname, ifindex, ipv6, unicastSource, unicastTtl, false);
    }

    /** As {@link #open(String, int, boolean, InetAddress, int)}; {@code ah}: the IPv4 protocol-51 socket of AH instances. */
    public static AdvertSocket open(String ifname, int ifindex, boolean ipv6, InetAddress unicastSource,
            int unicastTtl, boolean ah) throws NativeException {
        if (ah && ipv6) {
            throw new IllegalArgumentException("AH is IPv4 only");
        }
        RawSocket s = ipv6 ? RawSocket.ipv6(IpConstants.IPPROTO_VRRP)
                : RawSocket.ipv4(ah ? IpConstants.IPPROTO_AH : IpConstants.IPPROTO_VRRP);
        try {
            if (ah) {
                s.headerIncluded();
            }
            s.bindToDevice(ifname);
            s.receivePacketInfo();
            if (ipv6) {
                // the kernel computes the VRRPv3 checksum (offset 6) on send and checks it on receive
                s.ipv6Checksum(6);
            }
            s.multicastLoop(false);
            s.multicastInterface(ifindex);
            s.multicastHops(255);
            if (unicastSource != null) {
                s.unicastHops(unicastTtl);
                s.bind(SockAddr.inet(unicastSource, 0, ifindex));
            }
            return new AdvertSocket(ifname, ifindex, ipv6, unicastSource, ah, s);
        } catch (NativeException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    public int fd() {
        return socket.fd();
    }

    public String ifname() {
        return ifname;
    }

    public int ifindex() {
        return ifindex;
    }

    public boolean isIpv6() {
        return ipv6;
    }

    public InetAddress unicastSource() {
        return unicastSource;
    }

    /** The protocol-51 socket of AH instances. */
    public boolean isAh() {
        return ah;
    }

    /**
     * IPv4 multicast adverts carry {@code source} (e.g. the parent's primary address on a VMAC,
     * whose only addresses are VIPs) instead of the kernel's choice from this interface.
     */
    public void multicastSource(InetAddress source) throws NativeException {
        if (ipv6) {
            return;
        }
        // struct ip_mreqn {imr_multiaddr 0, imr_address = source, imr_ifindex (host order)}
        byte[] mreqn = new byte[12];
        System.arraycopy(source.getAddress(), 0, mreqn, 4, 4);
        ByteBuffer.wrap(mreqn).order(java.nio.ByteOrder.nativeOrder()).putInt(8, ifindex);
        keepalived.sys.Native.setsockopt(socket.fd(), IpConstants.IPPROTO_IP, IpConstants.IP_MULTICAST_IF, mreqn);
    }

    /** Joins a multicast group on this interface (each distinct group of the instances using the socket). */
    public void join(InetAddress group) throws NativeException {
        socket.joinGroup(group, ifindex);
    }

    /**
     * Sends to a destination built once with {@link #destination(InetAddress)} (group or peer).
     * Returns false (counted, logged now and then) if the kernel refused.
     */
    public boolean send(ByteBuffer advert, byte[] sockaddr) {
        int pos = advert.position();
        try {
            int n = socket.send(advert, sockaddr);
            advert.position(pos);
            if (n < 0) {
                sendErrors++;
                return false;
            }
            return true;
        } catch (NativeException e) {
            advert.position(pos);
            if (sendErrors++ % 100 == 0) {
                LOG.warn("VRRP send on {} failed: {}", ifname, e.getMessage());
            }
            return false;
        }
    }

    /** The sockaddr of a group or peer (link-local IPv6 ones get this interface as scope). */
    public byte[] destination(InetAddress peer) {
        return SockAddr.inet(peer, 0, peer instanceof Inet6Address ? ifindex : 0);
    }

    /**
     * Reads every queued datagram (level-triggered epoll: until EAGAIN), stripping the IPv4 header.
     * Returns the number of datagrams read.
     */
    public int drain(Receiver receiver) {
        int count = 0;
        while (true) {
            int n;
            try {
                n = socket.receive();
            } catch (NativeException e) {
                if (receiveErrors++ % 100 == 0) {
                    LOG.warn("VRRP receive on {} failed: {}", ifname, e.getMessage());
                }
                return count;
            }
            if (n < 0) {
                return count;
            }
            count++;
            ByteBuffer b = socket.buffer();
            ReceiveInfo info = socket.info();
            int ttl = info.hopLimit();
            if (!ipv6) {
                if (b.remaining() < 20) {
                    receiver.onAdvert(this, b.limit(0), info, ttl, null);
                    continue;
                }
                int ihl = (b.get(0) & 0x0f) * 4;
                ttl = b.get(8) & 0xff;
                b.get(16, destination, 0, 4);
                if (ihl < 20 || ihl > b.limit()) {
                    receiver.onAdvert(this, b.position(b.limit()), info, ttl, destination);
                    continue;
                }
                b.position(ihl);
            } else {
                InetAddress d = info.destinationAddress();
                if (d != null) {
                    System.arraycopy(d.getAddress(), 0, destination, 0, 16);
                }
            }
            receiver.onAdvert(this, b, info, ttl, destination);
        }
    }

    public long receiveErrors() {
        return receiveErrors;
    }

    public long sendErrors() {
        return sendErrors;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (NativeException e) {
            LOG.debug("close of VRRP socket on {}: {}", ifname, e.getMessage());
        }
    }

    /** Key of the socket pool: one socket per interface, family, unicast source and protocol (VRRP or AH). */
    public record Key(String ifname, boolean ipv6, InetAddress unicastSource, boolean ah) {
    }

    static InetAddress literal(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

}
