package keepalived.sys;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.kenai.jffi.MemoryIO;
import jnr.ffi.Pointer;

/**
 * A reusable {@code struct msghdr} for {@link Native#recvmsg}: one iovec over a caller-owned direct
 * data buffer, a sender-address area and a control-message area, all in native memory whose
 * addresses are resolved once, so a receive allocates nothing.
 */
public final class MsgHdr {
    // struct msghdr on x86_64: name*, namelen(u32)+pad, iov*, iovlen, control*, controllen, flags+pad.
    private static final int MSGHDR_SIZE = 56;
    private static final int OFF_NAME = 0;
    private static final int OFF_NAMELEN = 8;
    private static final int OFF_IOV = 16;
    private static final int OFF_IOVLEN = 24;
    private static final int OFF_CONTROL = 32;
    private static final int OFF_CONTROLLEN = 40;
    private static final int OFF_FLAGS = 48;
    private static final int IOVEC_SIZE = 16; // base*, len
    /** sizeof(struct sockaddr_storage). */
    public static final int NAME_SIZE = 128;

    private final ByteBuffer header;
    private final Pointer pointer;
    private final long iovAddress;
    private final ByteBuffer data;
    private final long dataAddress;
    private final ByteBuffer name;
    private final ByteBuffer control;
    private int nameLength;
    private int controlLength;
    private int flags;

    /**
     * @param data         direct buffer the payload lands in (from its position to its limit)
     * @param controlBytes room for control messages (cmsghdr is 16 bytes + data, 8-byte aligned)
     */
    public MsgHdr(ByteBuffer data, int controlBytes) {
        if (!data.isDirect()) {
            throw new IllegalArgumentException("recvmsg needs a direct data buffer");
        }
        MemoryIO io = MemoryIO.getInstance();
        this.data = data;
        this.dataAddress = io.getDirectBufferAddress(data);
        this.header = ByteBuffer.allocateDirect(MSGHDR_SIZE + IOVEC_SIZE).order(ByteOrder.nativeOrder());
        this.name = ByteBuffer.allocateDirect(NAME_SIZE).order(ByteOrder.nativeOrder());
        this.control = ByteBuffer.allocateDirect(controlBytes).order(ByteOrder.nativeOrder());
        long headerAddress = io.getDirectBufferAddress(header);
        this.iovAddress = headerAddress + MSGHDR_SIZE;
        this.pointer = Native.runtime().getMemoryManager().newPointer(headerAddress, MSGHDR_SIZE + IOVEC_SIZE);
        header.putLong(OFF_NAME, io.getDirectBufferAddress(name));
        header.putLong(OFF_IOV, iovAddress);
        header.putLong(OFF_IOVLEN, 1);
        header.putLong(OFF_CONTROL, io.getDirectBufferAddress(control));
    }

    Pointer pointer() {
        return pointer;
    }

    /** Resets the in/out lengths before each call and points the iovec at the free data space. */
    void prepare() {
        header.putInt(OFF_NAMELEN, NAME_SIZE);
        header.putLong(OFF_CONTROLLEN, control.capacity());
        header.putInt(OFF_FLAGS, 0);
        header.putLong(MSGHDR_SIZE, dataAddress + data.position());
        header.putLong(MSGHDR_SIZE + 8, data.remaining());
    }

    void complete(int bytes) {
        data.position(data.position() + bytes);
        nameLength = header.getInt(OFF_NAMELEN);
        controlLength = (int) header.getLong(OFF_CONTROLLEN);
        flags = header.getInt(OFF_FLAGS);
    }

    /** The payload buffer given to the constructor. */
    public ByteBuffer data() {
        return data;
    }

    /** The sender's sockaddr (native order buffer; wire fields inside are big-endian). */
    public ByteBuffer name() {
        return name;
    }

    public int nameLength() {
        return nameLength;
    }

    /** The control messages of the last receive, bytes [0, controlLength). */
    public ByteBuffer control() {
        return control;
    }

    public int controlLength() {
        return controlLength;
    }

    /** msg_flags of the last receive (MSG_TRUNC, MSG_CTRUNC). */
    public int flags() {
        return flags;
    }
}
