package keepalived.sys;

import static keepalived.sys.LinuxConstants.AF_INET;
import static keepalived.sys.LinuxConstants.EFD_CLOEXEC;
import static keepalived.sys.LinuxConstants.EFD_NONBLOCK;
import static keepalived.sys.LinuxConstants.EPOLLIN;
import static keepalived.sys.LinuxConstants.EPOLL_CTL_ADD;
import static keepalived.sys.LinuxConstants.SOCK_CLOEXEC;
import static keepalived.sys.LinuxConstants.SOCK_DGRAM;
import static keepalived.sys.LinuxConstants.SOCK_NONBLOCK;
import static keepalived.sys.LinuxConstants.SOL_SOCKET;
import static keepalived.sys.LinuxConstants.SO_RCVBUF;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jnr.constants.platform.Errno;
import keepalived.testing.Cmd;
import keepalived.testing.Prerequisites;
import org.junit.jupiter.api.Test;

class NativeTest {
    /** Far above any fd this JVM has open, so EBADF is certain. */
    private static final int NO_SUCH_FD = 1 << 30;

    /** sockaddr_in for 127.0.0.1:port (family host order, port and address big-endian). */
    static byte[] loopback(int port) {
        byte[] sa = new byte[16];
        ByteBuffer.wrap(sa).order(ByteOrder.nativeOrder()).putShort(0, (short) AF_INET);
        ByteBuffer.wrap(sa).order(ByteOrder.BIG_ENDIAN).putShort(2, (short) port).putInt(4, 0x7f000001);
        return sa;
    }

    @Test
    void bindOnABadFdNamesTheCallAndErrno() {
        NativeException e = assertThrows(NativeException.class, () -> Native.bind(NO_SUCH_FD, loopback(0)));
        assertEquals(Errno.EBADF, e.errno());
        assertEquals("bind(fd=" + NO_SUCH_FD + "): EBADF (Bad file descriptor)", e.getMessage());
        assertEquals("bind(fd=" + NO_SUCH_FD + ")", e.call());
    }

    @Test
    void unknownSocketOptionIsENOPROTOOPT() throws Exception {
        try (FileDescriptor fd = new FileDescriptor(Native.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0))) {
            NativeException e = assertThrows(NativeException.class,
                    () -> Native.setsockopt(fd.intValue(), SOL_SOCKET, 4242, 1));
            assertEquals(Errno.ENOPROTOOPT, e.errno());
            assertTrue(e.getMessage().startsWith("setsockopt(fd=" + fd.intValue() + ", level=1, optname=4242): "
                    + "ENOPROTOOPT ("), e.getMessage());
        }
    }

    @Test
    void intOptionRoundTrips() throws Exception {
        try (FileDescriptor fd = new FileDescriptor(Native.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0))) {
            Native.setsockopt(fd.intValue(), SOL_SOCKET, SO_RCVBUF, 65536);
            assertEquals(2 * 65536, Native.getsockopt(fd.intValue(), SOL_SOCKET, SO_RCVBUF)); // kernel doubles it
        }
    }

    @Test
    void udpLoopbackSendAndReceiveHonourBufferPositions() throws Exception {
        try (FileDescriptor rx = new FileDescriptor(Native.socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0));
             FileDescriptor tx = new FileDescriptor(Native.socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0))) {
            Native.bind(rx.intValue(), loopback(0));
            byte[] bound = new byte[16];
            assertEquals(16, Native.getsockname(rx.intValue(), bound));
            ByteBuffer in = ByteBuffer.allocateDirect(64);
            assertEquals(-1, Native.recv(rx.intValue(), in), "nothing queued yet: EAGAIN is -1");

            ByteBuffer out = ByteBuffer.allocateDirect(16);
            out.put(new byte[] {9, 9, 1, 2, 3}).flip().position(2);
            assertEquals(3, Native.sendto(tx.intValue(), out, bound));
            assertEquals(5, out.position());

            in.position(4);
            assertEquals(3, Native.recv(rx.intValue(), in));
            assertEquals(7, in.position());
            byte[] got = new byte[3];
            in.get(4, got);
            assertArrayEquals(new byte[] {1, 2, 3}, got);
        }
    }

    @Test
    void recvmsgFillsDataAndSender() throws Exception {
        try (FileDescriptor rx = new FileDescriptor(Native.socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0));
             FileDescriptor tx = new FileDescriptor(Native.socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0))) {
            Native.bind(rx.intValue(), loopback(0));
            Native.bind(tx.intValue(), loopback(0));
            byte[] rxAddr = new byte[16];
            byte[] txAddr = new byte[16];
            Native.getsockname(rx.intValue(), rxAddr);
            Native.getsockname(tx.intValue(), txAddr);
            MsgHdr msg = new MsgHdr(ByteBuffer.allocateDirect(32), 64);
            assertEquals(-1, Native.recvmsg(rx.intValue(), msg));
            Native.sendto(tx.intValue(), ByteBuffer.wrap(new byte[] {7, 8}), rxAddr);
            assertEquals(2, Native.recvmsg(rx.intValue(), msg));
            assertEquals(2, msg.data().position());
            assertEquals(7, msg.data().get(0));
            assertEquals(16, msg.nameLength());
            byte[] sender = new byte[16];
            msg.name().get(0, sender);
            assertArrayEquals(txAddr, sender);
        }
    }

    @Test
    void epollReportsAnEventfdWrite() throws Exception {
        try (FileDescriptor ep = new FileDescriptor(Native.epollCreate());
             FileDescriptor ev = new FileDescriptor(Native.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC))) {
            Native.epollCtl(ep.intValue(), EPOLL_CTL_ADD, ev.intValue(), EPOLLIN, 0x1122334455L);
            ByteBuffer events = ByteBuffer.allocateDirect(4 * LinuxConstants.EPOLL_EVENT_SIZE)
                    .order(ByteOrder.nativeOrder());
            assertEquals(0, Native.epollWait(ep.intValue(), events, 4, 0));
            assertEquals(-1, Native.read8(ev.intValue()));
            assertEquals(8, Native.write8(ev.intValue(), 3));
            assertEquals(1, Native.epollWait(ep.intValue(), events, 4, 1000));
            assertEquals(EPOLLIN, events.getInt(0));
            assertEquals(0x1122334455L, events.getLong(4));
            assertEquals(3, Native.read8(ev.intValue()));
        }
    }

    @Test
    void setNonBlockingTurnsABlockingRecvIntoTryLater() throws Exception {
        try (FileDescriptor fd = new FileDescriptor(Native.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0))) {
            Native.bind(fd.intValue(), loopback(0));
            Native.setNonBlocking(fd.intValue());
            Native.setNonBlocking(fd.intValue()); // idempotent
            assertEquals(-1, Native.recv(fd.intValue(), ByteBuffer.allocate(8)));
        }
    }

    @Test
    void heapBuffersAreSentFromTheirPosition() throws Exception {
        try (FileDescriptor rx = new FileDescriptor(Native.socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0));
             FileDescriptor tx = new FileDescriptor(Native.socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0))) {
            Native.bind(rx.intValue(), loopback(0));
            byte[] to = new byte[16];
            Native.getsockname(rx.intValue(), to);
            ByteBuffer out = ByteBuffer.wrap(new byte[] {9, 9, 4, 5}, 2, 2);
            assertEquals(2, Native.sendto(tx.intValue(), out, to));
            ByteBuffer in = ByteBuffer.allocate(8).position(1);
            assertEquals(2, Native.recv(rx.intValue(), in));
            assertArrayEquals(new byte[] {0, 4, 5, 0, 0, 0, 0, 0}, in.array());
        }
    }

    @Test
    void fileDescriptorClosesOnce() throws Exception {
        FileDescriptor fd = new FileDescriptor(Native.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        fd.close();
        assertFalse(fd.isOpen());
        fd.close(); // a second close must not touch a recycled fd number
    }

    @Test
    void unknownInterfaceIsENODEV() {
        NativeException e = assertThrows(NativeException.class, () -> Native.ifNameToIndex("kjnosuch0"));
        assertEquals(Errno.ENODEV, e.errno());
    }

    @Test
    void packetSocketAsNobodyIsEPERM() {
        Prerequisites.requireRoot();
        Prerequisites.require(Cmd.available("setpriv"), "setpriv (util-linux)");
        Cmd.Result r = UnprivilegedJvm.run(NativeProbeMain.class, "packet-socket");
        assertTrue(r.ok(), r.describe());
        assertTrue(r.stdout().startsWith("errno=EPERM message=socket(domain=17, type=3, protocol=1544): "
                + "EPERM (Operation not permitted)"), r.describe());
    }
}
