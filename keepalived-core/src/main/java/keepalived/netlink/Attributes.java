package keepalived.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A parsed run of netlink attributes (rtattr / nlattr): type, offset and length of each, in
 * order. Lookups by type return the first occurrence; {@link #size()}/{@link #type(int)}/
 * {@link #value(int)} walk them all (repeated entries, nest arrays). Types are masked with
 * NLA_TYPE_MASK so a nest flagged NLA_F_NESTED is found under its plain type.
 */
public final class Attributes {
    private final ByteBuffer buf;
    private int[] types = new int[16];
    private int[] offsets = new int[16];
    private int[] lengths = new int[16];
    private int count;

    private Attributes(ByteBuffer buf) {
        this.buf = buf;
    }

    /** Parses the buffer's remaining bytes; a truncated trailing attribute is an error. */
    public static Attributes parse(ByteBuffer b) {
        Attributes a = new Attributes(b.slice().order(ByteOrder.nativeOrder()));
        a.scan();
        return a;
    }

    private void scan() {
        int off = 0;
        int end = buf.limit();
        while (end - off >= Netlink.NLA_HDRLEN) {
            int len = buf.getShort(off) & 0xffff;
            int type = buf.getShort(off + 2) & Netlink.NLA_TYPE_MASK;
            if (len < Netlink.NLA_HDRLEN || len > end - off) {
                throw new IllegalArgumentException("bad attribute length " + len + " (type " + type
                        + ") at offset " + off + " of " + end);
            }
            add(type, off + Netlink.NLA_HDRLEN, len - Netlink.NLA_HDRLEN);
            off += Netlink.align(len);
        }
    }

    private void add(int type, int offset, int length) {
        if (count == types.length) {
            types = Arrays.copyOf(types, count * 2);
            offsets = Arrays.copyOf(offsets, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        types[count] = type;
        offsets[count] = offset;
        lengths[count] = length;
        count++;
    }

    public int size() {
        return count;
    }

    public int type(int i) {
        return types[i];
    }

    /** The i-th attribute's value (native order view). */
    public ByteBuffer value(int i) {
        return buf.slice(offsets[i], lengths[i]).order(ByteOrder.nativeOrder());
    }

    public boolean has(int type) {
        return indexOf(type) >= 0;
    }

    /** The value of the first attribute of this type, or null. */
    public ByteBuffer get(int type) {
        int i = indexOf(type);
        return i < 0 ? null : value(i);
    }

    public int u8(int type, int absent) {
        int i = indexOf(type);
        return i < 0 ? absent : buf.get(offsets[i]) & 0xff;
    }

    public int u16(int type, int absent) {
        int i = indexOf(type);
        return i < 0 ? absent : buf.getShort(offsets[i]) & 0xffff;
    }

    /** A u32 widened to long so values above 2^31 (tables, marks, lifetimes) stay positive. */
    public long u32(int type, long absent) {
        int i = indexOf(type);
        return i < 0 ? absent : buf.getInt(offsets[i]) & 0xffffffffL;
    }

    public int s32(int type, int absent) {
        int i = indexOf(type);
        return i < 0 ? absent : buf.getInt(offsets[i]);
    }

    /** A string attribute without its trailing NUL, or null. */
    public String string(int type) {
        int i = indexOf(type);
        if (i < 0) {
            return null;
        }
        int len = lengths[i];
        while (len > 0 && buf.get(offsets[i] + len - 1) == 0) {
            len--;
        }
        byte[] b = new byte[len];
        buf.get(offsets[i], b);
        return new String(b, StandardCharsets.UTF_8);
    }

    public byte[] bytes(int type) {
        int i = indexOf(type);
        if (i < 0) {
            return null;
        }
        byte[] b = new byte[lengths[i]];
        buf.get(offsets[i], b);
        return b;
    }

    /** A 4- or 16-byte network-order address, or null. */
    public InetAddress address(int type) {
        byte[] b = bytes(type);
        if (b == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("attribute " + type + " is not an address: " + b.length + " bytes");
        }
    }

    /** The attributes inside a nest, or null. */
    public Attributes nested(int type) {
        ByteBuffer v = get(type);
        return v == null ? null : parse(v);
    }

    private int indexOf(int type) {
        for (int i = 0; i < count; i++) {
            if (types[i] == type) {
                return i;
            }
        }
        return -1;
    }
}
