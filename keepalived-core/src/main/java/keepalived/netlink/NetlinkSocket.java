package keepalived.netlink;

import static keepalived.netlink.Netlink.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import jnr.constants.platform.Errno;

import keepalived.sys.LinuxConstants;
import keepalived.sys.Native;
import keepalived.sys.NativeException;

/**
 * One AF_NETLINK socket (NETLINK_ROUTE or NETLINK_GENERIC). A request socket is blocking with a
 * receive timeout and matches replies by sequence number; an event socket ({@link #openEvents})
 * is non-blocking, joined to multicast groups, with a large receive buffer. The two are kept
 * apart so events never interleave with dump replies. Not thread-safe: one owner thread.
 */
public final class NetlinkSocket implements AutoCloseable {
    /** Kernel dump chunks are at most 32 KiB (it sizes them from our recv length, capped). */
    private static final int RECV_BUFFER = 64 * 1024;
    private static final int REPLY_TIMEOUT_SECONDS = 5;

    private final int fd;
    private final int protocol;
    private final int portId;
    private final ByteBuffer rx = ByteBuffer.allocateDirect(RECV_BUFFER).order(ByteOrder.nativeOrder());
    private final ByteBuffer tx = ByteBuffer.allocateDirect(8192).order(ByteOrder.nativeOrder());
    private final byte[] kernel = sockaddrNl(0, 0);
    private int seq = (int) (System.nanoTime() & 0x3fffffff);
    private boolean closed;

    private NetlinkSocket(int fd, int protocol) throws NativeException {
        this.fd = fd;
        this.protocol = protocol;
        byte[] local = sockaddrNl(0, 0);
        Native.getsockname(fd, local);
        this.portId = ByteBuffer.wrap(local).order(ByteOrder.nativeOrder()).getInt(4);
    }

    /** A request socket: blocking, bound to a kernel-chosen port id, extended acks on. */
    public static NetlinkSocket open(int protocol) throws NativeException {
        int fd = Native.socket(AF_NETLINK, LinuxConstants.SOCK_RAW | LinuxConstants.SOCK_CLOEXEC, protocol);
        try {
            Native.bind(fd, sockaddrNl(0, 0));
            byte[] timeout = new byte[16]; // struct timeval {long tv_sec; long tv_usec}
            ByteBuffer.wrap(timeout).order(ByteOrder.nativeOrder()).putLong(0, REPLY_TIMEOUT_SECONDS);
            Native.setsockopt(fd, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVTIMEO, timeout);
            enableExtendedAck(fd);
            return new NetlinkSocket(fd, protocol);
        } catch (NativeException | RuntimeException e) {
            Native.close(fd);
            throw e;
        }
    }

    /**
     * An event socket: non-blocking, subscribed to {@code groups} (RTNLGRP_* numbers, or generic
     * netlink multicast group ids) through NETLINK_ADD_MEMBERSHIP, with a receive buffer of
     * {@code rcvbufBytes} forced past rmem_max (SO_RCVBUFFORCE, CAP_NET_ADMIN) or else as large
     * as SO_RCVBUF allows. Overflow still can happen; {@link #receiveEvents} reports it.
     */
    public static NetlinkSocket openEvents(int protocol, int rcvbufBytes, int... groups) throws NativeException {
        int fd = Native.socket(AF_NETLINK, LinuxConstants.SOCK_RAW | LinuxConstants.SOCK_CLOEXEC
                | LinuxConstants.SOCK_NONBLOCK, protocol);
        try {
            try {
                Native.setsockopt(fd, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVBUFFORCE, rcvbufBytes);
            } catch (NativeException e) {
                Native.setsockopt(fd, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVBUF, rcvbufBytes);
            }
            Native.bind(fd, sockaddrNl(0, 0));
            for (int g : groups) {
                Native.setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, g);
            }
            return new NetlinkSocket(fd, protocol);
        } catch (NativeException | RuntimeException e) {
            Native.close(fd);
            throw e;
        }
    }

    private static void enableExtendedAck(int fd) {
        try { // error text from the kernel, and acks that echo only the request header
            Native.setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, 1);
            Native.setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, 1);
        } catch (NativeException e) {
            // older kernels: plain errno only
        }
    }

    /** struct sockaddr_nl: u16 family, u16 pad, u32 pid, u32 groups (12 bytes). */
    static byte[] sockaddrNl(int pid, int groups) {
        byte[] a = new byte[12];
        ByteBuffer.wrap(a).order(ByteOrder.nativeOrder()).putShort(0, (short) AF_NETLINK).putInt(4, pid)
                .putInt(8, groups);
        return a;
    }

    public int fd() {
        return fd;
    }

    public int protocol() {
        return protocol;
    }

    /** The port id the kernel assigned at bind (nlmsg_pid of our replies). */
    public int portId() {
        return portId;
    }

    /** The effective receive buffer (the kernel doubles the requested value). */
    public int receiveBufferSize() throws NativeException {
        return Native.getsockopt(fd, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVBUF);
    }

    /** Sends a change request with NLM_F_ACK and waits for the acknowledgement. */
    public void request(String operation, MessageBuilder b) throws IOException {
        transact(operation, b, NLM_F_ACK);
    }

    /**
     * Sends a GET that the kernel answers with data messages and then an ack (e.g. generic
     * netlink CTRL_CMD_GETFAMILY); returns the data messages, detached from the receive buffer.
     */
    public List<Message> query(String operation, MessageBuilder b) throws IOException {
        return transact(operation, b, NLM_F_ACK);
    }

    /**
     * Sends a dump request (NLM_F_DUMP) and collects the multi-part reply up to NLMSG_DONE. A dump
     * the kernel flags as inconsistent (NLM_F_DUMP_INTR: the table changed meanwhile) is redone,
     * up to {@value #DUMP_ATTEMPTS} times.
     */
    public List<Message> dump(String operation, MessageBuilder b) throws IOException {
        for (int attempt = 1; ; attempt++) {
            List<Message> r = transact(operation, b, NLM_F_DUMP);
            if (r != null) {
                return r;
            }
            if (attempt == DUMP_ATTEMPTS) {
                throw new IOException(operation + ": dump interrupted by concurrent changes " + DUMP_ATTEMPTS
                        + " times");
            }
        }
    }

    private static final int DUMP_ATTEMPTS = 3;

    /**
     * Sends several messages in one datagram (an nfnetlink transaction batch), each with its own
     * sequence number, and waits for the ack of every one that asked for it (NLM_F_ACK). The
     * first error ends the wait: the kernel has then rolled the whole batch back.
     */
    public void requestBatch(String operation, List<MessageBuilder> messages) throws IOException {
        Set<Integer> pending = new HashSet<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MessageBuilder m : messages) {
            int s = nextSeq();
            if ((m.flags() & NLM_F_ACK) != 0) {
                pending.add(s);
            }
            ByteBuffer b = m.seq(s).finish();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            out.writeBytes(bytes);
        }
        send(operation, ByteBuffer.wrap(out.toByteArray()));
        while (!pending.isEmpty()) {
            rx.clear();
            if (Native.recv(fd, rx) < 0) {
                throw new IOException(operation + ": no reply from the kernel within " + REPLY_TIMEOUT_SECONDS + " s");
            }
            rx.flip();
            for (Message m : Message.split(rx)) {
                if (m.isError() && pending.remove(m.seq()) && m.errorCode() != 0) {
                    throw new NetlinkException(operation, -m.errorCode(), m.extendedAckMessage());
                }
            }
        }
    }

    /** Returns the data replies, or null for a dump flagged NLM_F_DUMP_INTR (the caller redoes it). */
    private List<Message> transact(String operation, MessageBuilder b, int extraFlags) throws IOException {
        int s = nextSeq();
        ByteBuffer msg = b.seq(s).finish();
        msg.putShort(6, (short) (msg.getShort(6) | NLM_F_REQUEST | extraFlags));
        send(operation, msg);
        boolean dump = (extraFlags & NLM_F_DUMP) == NLM_F_DUMP;
        List<Message> replies = new ArrayList<>();
        boolean interrupted = false;
        while (true) {
            rx.clear();
            int n = Native.recv(fd, rx);
            if (n < 0) {
                throw new IOException(operation + ": no reply from the kernel within " + REPLY_TIMEOUT_SECONDS + " s");
            }
            rx.flip();
            for (Message m : Message.split(rx)) {
                if (m.seq() != s || m.pid() != portId && m.pid() != 0) {
                    continue; // a late reply to an earlier, timed-out request
                }
                if (m.isError()) {
                    if (m.errorCode() != 0) {
                        throw new NetlinkException(operation, -m.errorCode(), m.extendedAckMessage());
                    }
                    if (!dump) {
                        return replies;
                    }
                } else if (m.isDone()) {
                    interrupted |= (m.flags() & NLM_F_DUMP_INTR) != 0;
                    int status = m.payload().remaining() >= 4 ? m.payload().getInt(0) : 0;
                    if (status < 0) {
                        throw new NetlinkException(operation, -status, null);
                    }
                    return interrupted ? null : replies;
                } else {
                    interrupted |= (m.flags() & NLM_F_DUMP_INTR) != 0;
                    replies.add(m.copy());
                }
            }
        }
    }

    private void send(String operation, ByteBuffer msg) throws IOException {
        ByteBuffer out = msg;
        if (msg.remaining() <= tx.capacity()) { // direct memory avoids a JNR copy of a heap array
            tx.clear();
            tx.put(msg.duplicate());
            tx.flip();
            out = tx;
        }
        int len = out.remaining();
        int sent = Native.sendto(fd, out, kernel);
        if (sent != len) {
            throw new IOException(operation + ": short netlink send " + sent + " of " + len);
        }
    }

    /**
     * Event sockets: reads every queued datagram without blocking and hands each message to
     * {@code sink}. Returns the number of messages, or -1 if the socket overflowed (ENOBUFS):
     * events were lost and the caller must resync its view with dumps. Never silent.
     */
    public int receiveEvents(Consumer<Message> sink) throws IOException {
        int count = 0;
        boolean overflow = false;
        while (true) {
            rx.clear();
            int n;
            try {
                n = Native.recv(fd, rx);
            } catch (NativeException e) {
                if (e.errno() == Errno.ENOBUFS) {
                    overflow = true; // the queue was dropped; keep reading what arrived after it
                    continue;
                }
                throw e;
            }
            if (n < 0) {
                return overflow ? -1 : count;
            }
            rx.flip();
            for (Message m : Message.split(rx)) {
                if (m.type() != NLMSG_NOOP && m.type() != NLMSG_DONE) {
                    sink.accept(m);
                    count++;
                }
            }
        }
    }

    private int nextSeq() {
        seq = seq == Integer.MAX_VALUE ? 1 : seq + 1;
        return seq;
    }

    @Override
    public void close() throws NativeException {
        if (!closed) {
            closed = true;
            Native.close(fd);
        }
    }
}
