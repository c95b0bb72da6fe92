package keepalived.net;

import static keepalived.net.IpConstants.IPPROTO_IP;
import static keepalived.net.IpConstants.IPPROTO_IPV6;
import static keepalived.sys.LinuxConstants.AF_INET;
import static keepalived.sys.LinuxConstants.AF_INET6;
import static keepalived.sys.LinuxConstants.MSG_CTRUNC;
import static keepalived.sys.LinuxConstants.MSG_TRUNC;
import static keepalived.sys.LinuxConstants.SOCK_CLOEXEC;
import static keepalived.sys.LinuxConstants.SOCK_NONBLOCK;
import static keepalived.sys.LinuxConstants.SOL_SOCKET;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import keepalived.sys.FileDescriptor;
import keepalived.sys.LinuxConstants;
import keepalived.sys.MsgHdr;
import keepalived.sys.Native;
import keepalived.sys.NativeException;

/**
 * A non-blocking IPv4 or IPv6 socket with the options every keepalived socket shares and a
 * receive path that reads packet info (arrival interface, TTL/hop limit) from control messages
 * into a reused buffer and {@link ReceiveInfo}. Subclasses add the protocol-specific options.
 */
public abstract class NetSocket implements AutoCloseable {
    private static final int CONTROL_BYTES = 256;
    // struct cmsghdr on x86_64: size_t len, int level, int type, then data; CMSG_ALIGN is 8.
    private static final int CMSG_HEADER = 16;

    protected final FileDescriptor fd;
    protected final int family;
    private final ByteBuffer buffer;
    private final MsgHdr msg;
    private final ReceiveInfo info = new ReceiveInfo();

    protected NetSocket(int family, int type, int protocol, int bufferSize) throws NativeException {
        this.family = family;
        this.fd = new FileDescriptor(Native.socket(family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol));
        this.buffer = ByteBuffer.allocateDirect(bufferSize).order(ByteOrder.BIG_ENDIAN);
        this.msg = new MsgHdr(buffer, CONTROL_BYTES);
    }

    public int fd() {
        return fd.intValue();
    }

    /** AF_INET or AF_INET6. */
    public int family() {
        return family;
    }

    public boolean isIpv6() {
        return family == AF_INET6;
    }

    /** SO_BINDTODEVICE: only packets of this interface are received (needs CAP_NET_RAW). */
    public void bindToDevice(String ifname) throws NativeException {
        byte[] name = ifname.getBytes(StandardCharsets.US_ASCII);
        byte[] value = new byte[name.length + 1];
        System.arraycopy(name, 0, value, 0, name.length);
        Native.setsockopt(fd(), SOL_SOCKET, LinuxConstants.SO_BINDTODEVICE, value);
    }

    /** SO_MARK: the firewall mark outgoing packets carry (keepalived's vrrp fwmark). */
    public void mark(int mark) throws NativeException {
        Native.setsockopt(fd(), SOL_SOCKET, LinuxConstants.SO_MARK, mark);
    }

    /** SO_RCVBUF (the kernel doubles the value for bookkeeping). */
    public void receiveBufferSize(int bytes) throws NativeException {
        Native.setsockopt(fd(), SOL_SOCKET, LinuxConstants.SO_RCVBUF, bytes);
    }

    public void sendBufferSize(int bytes) throws NativeException {
        Native.setsockopt(fd(), SOL_SOCKET, LinuxConstants.SO_SNDBUF, bytes);
    }

    /** Binds to a sockaddr from {@link SockAddr}. */
    public void bind(byte[] sockaddr) throws NativeException {
        Native.bind(fd(), sockaddr);
    }

    /**
     * Asks for the arrival interface, destination and TTL/hop limit of every packet
     * (IP_PKTINFO + IP_RECVTTL, or IPV6_RECVPKTINFO + IPV6_RECVHOPLIMIT).
     */
    public void receivePacketInfo() throws NativeException {
        if (isIpv6()) {
            Native.setsockopt(fd(), IPPROTO_IPV6, IpConstants.IPV6_RECVPKTINFO, 1);
            Native.setsockopt(fd(), IPPROTO_IPV6, IpConstants.IPV6_RECVHOPLIMIT, 1);
        } else {
            Native.setsockopt(fd(), IPPROTO_IP, IpConstants.IP_PKTINFO, 1);
            Native.setsockopt(fd(), IPPROTO_IP, IpConstants.IP_RECVTTL, 1);
        }
    }

    /**
     * Receives one datagram into {@link #buffer()} (flipped: position 0, limit the length) and
     * fills {@link #info()}. Returns the length, or -1 when nothing is queued. Allocates nothing.
     */
    public int receive() throws NativeException {
        buffer.clear();
        int n = Native.recvmsg(fd(), msg);
        if (n < 0) {
            buffer.limit(0);
            return -1;
        }
        buffer.flip();
        parseInfo();
        return n;
    }

    /** The receive buffer holding the last datagram (for raw IPv4, starting with the IP header). */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** Packet info of the last {@link #receive()}. */
    public ReceiveInfo info() {
        return info;
    }

    /**
     * Sends {@code packet}'s remaining bytes to a destination built once with {@link SockAddr}.
     * Returns the bytes sent, or -1 when the send buffer is full.
     */
    public int send(ByteBuffer packet, byte[] sockaddr) throws NativeException {
        return Native.sendto(fd(), packet, sockaddr);
    }

    private void parseInfo() {
        info.reset();
        info.truncated = (msg.flags() & (MSG_TRUNC | MSG_CTRUNC)) != 0;
        ByteBuffer name = msg.name();
        if (msg.nameLength() >= 2) {
            info.sourceLength = SockAddr.copyAddress(name, info.source);
            int fam = SockAddr.family(name);
            if (fam == AF_INET || fam == AF_INET6) {
                info.port = (name.get(2) & 0xff) << 8 | name.get(3) & 0xff; // network order
            }
        }
        ByteBuffer c = msg.control();
        int end = msg.controlLength();
        int off = 0;
        while (off + CMSG_HEADER <= end) {
            int len = (int) c.getLong(off);
            if (len < CMSG_HEADER || off + len > end) {
                break;
            }
            int level = c.getInt(off + 8);
            int type = c.getInt(off + 12);
            int data = off + CMSG_HEADER;
            if (level == IPPROTO_IP && type == IpConstants.IP_PKTINFO) {
                // struct in_pktinfo: int ifindex, in_addr spec_dst, in_addr addr (the header's destination)
                info.ifindex = c.getInt(data);
                c.get(data + 8, info.destination, 0, 4);
                info.destinationLength = 4;
            } else if (level == IPPROTO_IP && type == IpConstants.IP_TTL) {
                info.hopLimit = c.getInt(data);
            } else if (level == IPPROTO_IPV6 && type == IpConstants.IPV6_PKTINFO) {
                // struct in6_pktinfo: in6_addr addr, int ifindex
                c.get(data, info.destination, 0, 16);
                info.destinationLength = 16;
                info.ifindex = c.getInt(data + 16);
            } else if (level == IPPROTO_IPV6 && type == IpConstants.IPV6_HOPLIMIT) {
                info.hopLimit = c.getInt(data);
            }
            off += (len + 7) & ~7;
        }
    }

    /** Closes the socket once; later calls do nothing. */
    @Override
    public void close() throws NativeException {
        fd.close();
    }
}
