package keepalived.net;

import static keepalived.sys.LinuxConstants.SOL_SOCKET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import jnr.constants.platform.Errno;
import keepalived.sys.LinuxConstants;
import keepalived.sys.Native;
import keepalived.sys.NativeException;
import keepalived.testing.Prerequisites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Socket options on raw VRRP sockets (root: raw sockets need CAP_NET_RAW); no traffic. */
class RawSocketOptionsTest {
    @BeforeEach
    void root() {
        Prerequisites.requireRoot();
    }

    @Test
    void commonOptionsReadBack() throws Exception {
        try (RawSocket s = RawSocket.ipv4(IpConstants.IPPROTO_VRRP)) {
            s.mark(42);
            assertEquals(42, Native.getsockopt(s.fd(), SOL_SOCKET, LinuxConstants.SO_MARK));
            s.receiveBufferSize(100_000);
            assertEquals(200_000, Native.getsockopt(s.fd(), SOL_SOCKET, LinuxConstants.SO_RCVBUF));
            s.sendBufferSize(50_000);
            assertEquals(100_000, Native.getsockopt(s.fd(), SOL_SOCKET, LinuxConstants.SO_SNDBUF));
            s.bindToDevice("lo");
            s.multicastHops(255);
            assertEquals(255, Native.getsockopt(s.fd(), IpConstants.IPPROTO_IP, IpConstants.IP_MULTICAST_TTL));
            s.unicastHops(255);
            assertEquals(255, Native.getsockopt(s.fd(), IpConstants.IPPROTO_IP, IpConstants.IP_TTL));
            s.multicastLoop(false);
            assertEquals(0, Native.getsockopt(s.fd(), IpConstants.IPPROTO_IP, IpConstants.IP_MULTICAST_LOOP));
        }
    }

    @Test
    void ipv6OptionsReadBack() throws Exception {
        try (RawSocket s = RawSocket.ipv6(IpConstants.IPPROTO_VRRP)) {
            s.multicastHops(255);
            assertEquals(255, Native.getsockopt(s.fd(), IpConstants.IPPROTO_IPV6, IpConstants.IPV6_MULTICAST_HOPS));
            s.unicastHops(255);
            assertEquals(255, Native.getsockopt(s.fd(), IpConstants.IPPROTO_IPV6, IpConstants.IPV6_UNICAST_HOPS));
            s.ipv6Checksum(6);
            assertEquals(6, Native.getsockopt(s.fd(), IpConstants.IPPROTO_IPV6, IpConstants.IPV6_CHECKSUM));
            s.multicastInterface(1);
            assertEquals(1, Native.getsockopt(s.fd(), IpConstants.IPPROTO_IPV6, IpConstants.IPV6_MULTICAST_IF));
        }
    }

    @Test
    void joinAndLeaveOnLoopback() throws Exception {
        try (RawSocket v4 = RawSocket.ipv4(IpConstants.IPPROTO_VRRP);
             RawSocket v6 = RawSocket.ipv6(IpConstants.IPPROTO_VRRP)) {
            InetAddress g4 = InetAddress.getByName("224.0.0.18");
            InetAddress g6 = InetAddress.getByName("ff02::12");
            v4.joinGroup(g4, 1);
            v4.leaveGroup(g4, 1);
            v6.joinGroup(g6, 1);
            v6.leaveGroup(g6, 1);
            NativeException e = assertThrows(NativeException.class, () -> v4.leaveGroup(g4, 1));
            assertEquals(Errno.EADDRNOTAVAIL, e.errno(), e.getMessage());
        }
    }

    @Test
    void joiningOnAMissingInterfaceNamesTheCall() throws Exception {
        try (RawSocket s = RawSocket.ipv4(IpConstants.IPPROTO_VRRP)) {
            NativeException e = assertThrows(NativeException.class,
                    () -> s.joinGroup(InetAddress.getByName("224.0.0.18"), 999_999));
            assertEquals(Errno.ENODEV, e.errno());
            assertTrue(e.getMessage().startsWith("setsockopt(fd=" + s.fd() + ", level=0, optname=35): ENODEV"),
                    e.getMessage());
        }
    }

    @Test
    void unknownDeviceForBindToDeviceIsENODEV() throws Exception {
        try (RawSocket s = RawSocket.ipv4(IpConstants.IPPROTO_VRRP)) {
            NativeException e = assertThrows(NativeException.class, () -> s.bindToDevice("kjnosuch0"));
            assertEquals(Errno.ENODEV, e.errno());
        }
    }
}
