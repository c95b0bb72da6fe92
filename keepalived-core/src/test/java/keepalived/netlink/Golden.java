package keepalived.netlink;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Hand-assembles expected netlink bytes, one kernel struct field per call, so a golden test
 * reads like the struct layout it checks. Integers are host order (as the kernel wants them);
 * {@link #ip} takes a dotted or colon address and writes network order.
 */
final class Golden {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Golden u8(int v) {
        out.write(v);
        return this;
    }

    Golden u16(int v) {
        return raw(ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) v).array());
    }

    Golden u32(int v) {
        return raw(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array());
    }

    /** An attribute header: u16 rta_len (header included, padding excluded), u16 rta_type. */
    Golden rta(int len, int type) {
        return u16(len).u16(type);
    }

    /** NUL-terminated. */
    Golden str(String s) {
        raw(s.getBytes(StandardCharsets.US_ASCII));
        return u8(0);
    }

    Golden ip(String literal) {
        try {
            return raw(java.net.InetAddress.getByName(literal).getAddress());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    Golden hex(String h) {
        return raw(HexFormat.of().parseHex(h.replace(" ", "").replace(":", "")));
    }

    Golden pad(int n) {
        for (int i = 0; i < n; i++) {
            out.write(0);
        }
        return this;
    }

    Golden raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static String dump(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }
}
