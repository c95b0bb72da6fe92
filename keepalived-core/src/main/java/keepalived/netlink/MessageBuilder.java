package keepalived.netlink;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes one netlink message at a time into a reusable buffer: the nlmsghdr, a family header
 * (written field by field by the typed records), then attributes, nested ones included.
 * Lengths are patched when a nest or the message is closed, so callers never count bytes.
 * Grows on demand; not thread-safe.
 */
public final class MessageBuilder {
    private ByteBuffer buf;

    public MessageBuilder() {
        this(1024);
    }

    public MessageBuilder(int capacity) {
        buf = ByteBuffer.allocate(capacity).order(ByteOrder.nativeOrder());
    }

    /** Starts a message (seq and pid 0; {@link #seq(int)} or the socket set the sequence). */
    public MessageBuilder begin(int type, int flags) {
        buf.clear();
        ensure(Netlink.NLMSG_HDRLEN);
        buf.putInt(0).putShort((short) type).putShort((short) flags).putInt(0).putInt(0);
        return this;
    }

    public MessageBuilder seq(int seq) {
        buf.putInt(8, seq);
        return this;
    }

    public int type() {
        return buf.getShort(4) & 0xffff;
    }

    public int flags() {
        return buf.getShort(6) & 0xffff;
    }

    public MessageBuilder u8(int v) {
        ensure(1);
        buf.put((byte) v);
        return this;
    }

    public MessageBuilder u16(int v) {
        ensure(2);
        buf.putShort((short) v);
        return this;
    }

    public MessageBuilder u32(int v) {
        ensure(4);
        buf.putInt(v);
        return this;
    }

    public MessageBuilder bytes(byte[] b) {
        ensure(b.length);
        buf.put(b);
        return this;
    }

    /** Zero bytes up to the next 4-byte boundary. */
    public MessageBuilder align() {
        int pad = Netlink.align(buf.position()) - buf.position();
        ensure(pad);
        for (int i = 0; i < pad; i++) {
            buf.put((byte) 0);
        }
        return this;
    }

    public MessageBuilder attr(int type, byte[] value) {
        int start = attrHeader(type);
        bytes(value);
        return closeAttr(start);
    }

    public MessageBuilder attrU8(int type, int v) {
        int start = attrHeader(type);
        u8(v);
        return closeAttr(start);
    }

    public MessageBuilder attrU16(int type, int v) {
        int start = attrHeader(type);
        u16(v);
        return closeAttr(start);
    }

    public MessageBuilder attrU32(int type, int v) {
        int start = attrHeader(type);
        u32(v);
        return closeAttr(start);
    }

    /** A NUL-terminated string, as the kernel's NLA_STRING/NLA_NUL_STRING policies expect. */
    public MessageBuilder attrString(int type, String s) {
        int start = attrHeader(type);
        bytes(s.getBytes(StandardCharsets.UTF_8));
        u8(0);
        return closeAttr(start);
    }

    /** The address in network order: 4 bytes for IPv4, 16 for IPv6. */
    public MessageBuilder attrAddress(int type, InetAddress a) {
        return attr(type, a.getAddress());
    }

    /** Opens a nest (an attribute holding attributes); returns the mark for {@link #endNested}. */
    public int beginNested(int type) {
        return attrHeader(type);
    }

    public MessageBuilder endNested(int mark) {
        return closeAttr(mark);
    }

    /** Current write offset from the message start, e.g. to remember where an rtnexthop begins. */
    public int position() {
        return buf.position();
    }

    /** Patches a u16 at an absolute offset (lengths of non-attribute structures like rtnexthop). */
    public MessageBuilder patchU16(int offset, int v) {
        buf.putShort(offset, (short) v);
        return this;
    }

    /**
     * Sets nlmsg_len and returns a view of the finished message (position 0, limit = length).
     * The view shares the builder's storage: send it before the next {@link #begin}.
     */
    public ByteBuffer finish() {
        align();
        int len = buf.position();
        buf.putInt(0, len);
        ByteBuffer out = buf.duplicate().order(ByteOrder.nativeOrder());
        out.position(0).limit(len);
        return out;
    }

    /** A copy of the finished message, for tests and logging. */
    public byte[] toByteArray() {
        ByteBuffer b = finish();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private int attrHeader(int type) {
        align();
        int start = buf.position();
        ensure(Netlink.NLA_HDRLEN);
        buf.putShort((short) 0).putShort((short) type);
        return start;
    }

    private MessageBuilder closeAttr(int start) {
        buf.putShort(start, (short) (buf.position() - start));
        return align();
    }

    private void ensure(int n) {
        if (buf.remaining() >= n) {
            return;
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n))
                .order(ByteOrder.nativeOrder());
        buf.flip();
        bigger.put(buf);
        buf = bigger;
    }
}
