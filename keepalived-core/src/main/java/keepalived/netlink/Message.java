package keepalived.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A received netlink message: the nlmsghdr fields and a view of its payload. The view shares
 * the receive buffer; {@link #copy()} detaches it when the message must outlive the next read.
 */
public final class Message {
    private final ByteBuffer buf; // native order; position 0 = start of nlmsghdr, limit = nlmsg_len

    private Message(ByteBuffer buf) {
        this.buf = buf;
    }

    /** Wraps exactly one message (the buffer's remaining bytes, starting at its nlmsghdr). */
    public static Message wrap(ByteBuffer b) {
        return new Message(b.slice().order(ByteOrder.nativeOrder()));
    }

    public static Message wrap(byte[] bytes) {
        return wrap(ByteBuffer.wrap(bytes));
    }

    /**
     * Splits a datagram (from its position to its limit) into messages, following nlmsg_len.
     *
     * @throws IllegalArgumentException when a header is truncated or a length points past the end
     */
    public static List<Message> split(ByteBuffer datagram) {
        ByteBuffer b = datagram.slice().order(ByteOrder.nativeOrder());
        List<Message> out = new ArrayList<>();
        int off = 0;
        while (b.limit() - off >= Netlink.NLMSG_HDRLEN) {
            int len = b.getInt(off);
            if (len < Netlink.NLMSG_HDRLEN || len > b.limit() - off) {
                throw new IllegalArgumentException("bad nlmsg_len " + len + " at offset " + off
                        + " of a " + b.limit() + "-byte datagram");
            }
            out.add(new Message(b.slice(off, len).order(ByteOrder.nativeOrder())));
            off += Netlink.align(len);
        }
        return out;
    }

    public int length() {
        return buf.getInt(0);
    }

    public int type() {
        return buf.getShort(4) & 0xffff;
    }

    public int flags() {
        return buf.getShort(6) & 0xffff;
    }

    public int seq() {
        return buf.getInt(8);
    }

    public int pid() {
        return buf.getInt(12);
    }

    /** The bytes after the nlmsghdr (the family header first), native order. */
    public ByteBuffer payload() {
        return buf.slice(Netlink.NLMSG_HDRLEN, buf.limit() - Netlink.NLMSG_HDRLEN).order(ByteOrder.nativeOrder());
    }

    /** Attributes that follow a family header of {@code headerLen} bytes (aligned to 4). */
    public Attributes attributes(int headerLen) {
        int start = Netlink.NLMSG_HDRLEN + Netlink.align(headerLen);
        if (start > buf.limit()) {
            throw new IllegalArgumentException("message of " + buf.limit() + " bytes is shorter than its "
                    + headerLen + "-byte family header");
        }
        return Attributes.parse(buf.slice(start, buf.limit() - start));
    }

    public boolean isError() {
        return type() == Netlink.NLMSG_ERROR;
    }

    public boolean isDone() {
        return type() == Netlink.NLMSG_DONE;
    }

    /** For NLMSG_ERROR: the (negative) errno, or 0 for an acknowledgement. */
    public int errorCode() {
        return buf.getInt(Netlink.NLMSG_HDRLEN);
    }

    /**
     * For NLMSG_ERROR with extended ack TLVs (NETLINK_EXT_ACK): the kernel's text, or null.
     * The TLVs follow the echoed request header (or the whole request unless NLM_F_CAPPED).
     */
    public String extendedAckMessage() {
        if (!isError() || (flags() & Netlink.NLM_F_ACK_TLVS) == 0) {
            return null;
        }
        int echoed = Netlink.NLMSG_HDRLEN + Netlink.NLMSGERR_ERROR_LEN;
        int echoedLen = (flags() & Netlink.NLM_F_CAPPED) != 0 ? Netlink.NLMSG_HDRLEN : buf.getInt(echoed);
        int start = echoed + Netlink.align(echoedLen);
        if (start >= buf.limit()) {
            return null;
        }
        return Attributes.parse(buf.slice(start, buf.limit() - start)).string(Netlink.NLMSGERR_ATTR_MSG);
    }

    /** A copy that owns its bytes. */
    public Message copy() {
        ByteBuffer b = ByteBuffer.allocate(buf.limit()).order(ByteOrder.nativeOrder());
        b.put(buf.duplicate().clear());
        return new Message(b.flip());
    }

    public byte[] toByteArray() {
        byte[] out = new byte[buf.limit()];
        buf.duplicate().clear().get(out);
        return out;
    }

    @Override
    public String toString() {
        return "Message[" + Rtnetlink.typeName(type()) + " len=" + length() + " flags=0x"
                + Integer.toHexString(flags()) + " seq=" + seq() + " pid=" + pid() + "]";
    }
}
