package keepalived.net;

import static keepalived.sys.LinuxConstants.AF_PACKET;
import static keepalived.sys.LinuxConstants.SOCK_CLOEXEC;
import static keepalived.sys.LinuxConstants.SOCK_NONBLOCK;
import static keepalived.sys.LinuxConstants.SOCK_RAW;

import java.nio.ByteBuffer;

import keepalived.sys.FileDescriptor;
import keepalived.sys.Native;
import keepalived.sys.NativeException;

/**
 * A send-only AF_PACKET socket for whole Ethernet frames (gratuitous ARP). It is opened with
 * protocol 0 so the kernel queues no incoming frames to it; the ethertype of each frame is in
 * its {@link SockAddr#link} destination.
 */
public final class PacketSocket implements AutoCloseable {
    private final FileDescriptor fd;

    private PacketSocket(int fd) {
        this.fd = new FileDescriptor(fd);
    }

    public static PacketSocket open() throws NativeException {
        return new PacketSocket(Native.socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    }

    public int fd() {
        return fd.intValue();
    }

    /** The MAC of {@code ifname} in this socket's namespace. */
    public byte[] hardwareAddress(String ifname) throws NativeException {
        return Interfaces.hardwareAddress(fd(), ifname);
    }

    /**
     * Sends a complete frame (Ethernet header included) to a {@link SockAddr#link} destination
     * built once per interface. Returns the bytes sent, or -1 when the queue is full.
     */
    public int send(ByteBuffer frame, byte[] linkAddress) throws NativeException {
        return Native.sendto(fd(), frame, linkAddress);
    }

    @Override
    public void close() throws NativeException {
        fd.close();
    }
}
