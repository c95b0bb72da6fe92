package keepalived.vrrp.packet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * VRRPv2 {@code auth_type AH} (RFC 2338 §5.3.6.2, RFC 2402), as keepalived 2.2.7 puts it on the
 * wire: one instance's IPv4 adverts are sent as protocol 51 with a 24-byte AH header between the IP
 * header and the VRRP message. Observed on 2.2.7 (notes §3.7):
 * <ul>
 * <li>next header 112, payload length 4, SPI = the sender's IPv4 source address, a 32-bit sequence
 * number, a 12-byte ICV: HMAC-MD5 truncated to 96 bits, keyed with the 8-byte password field
 * (zero-padded);</li>
 * <li>the ICV covers the whole IP packet with TOS, flags/fragment offset and header checksum zeroed
 * (and the TTL too for unicast), the ICV field zeroed; IP id and multicast TTL are covered, so the
 * sender builds the IP header itself;</li>
 * <li>one sequence counter per instance for both directions: each advert sent uses counter + 1; an
 * accepted received advert sets it, and one with a number not above it is dropped as a replay (so
 * a new master continues from the old master's numbers).</li>
 * </ul>
 * One per instance, used on its loop thread only. Nothing allocates per advert: HMAC (RFC 2104)
 * runs over a reused MD5 {@link MessageDigest} rather than {@code javax.crypto.Mac}, whose
 * {@code doFinal} allocates its digest arrays on every call.
 */
public final class AhHeader {
    /** IP protocol of IPsec AH. */
    public static final int PROTOCOL = 51;
    /** Bytes of the AH header keepalived sends (12 fixed + 12 ICV). */
    public static final int LENGTH = 24;
    /** Bytes of the IPv4 header we send (no options). */
    public static final int IP_HEADER = 20;
    static final int PAYLOAD_LENGTH = LENGTH / 4 - 2;
    static final int ICV_OFFSET = 12;
    static final int ICV_LENGTH = 12;
    /** keepalived's IP TOS on adverts (internetwork control); not covered by the ICV. */
    static final int TOS = 0xc0;
    private static final int BLOCK = 64;
    /** Largest IP packet we check: a 60-byte IP header, AH, and a VRRPv2 message with 255 addresses. */
    private static final int MAX_PACKET = 60 + LENGTH + AdvertPacket.HEADER_LENGTH + 255 * 4 + AdvertPacket.AUTH_LENGTH;

    private final MessageDigest md5;
    private final byte[] ipad = new byte[BLOCK];
    private final byte[] opad = new byte[BLOCK];
    private final byte[] digest = new byte[16];
    private final byte[] work = new byte[MAX_PACKET];
    private final ByteBuffer workBuffer = ByteBuffer.wrap(work);
    private long sequence;
    private int ipId;

    /** @param password auth_pass (keepalived keys the HMAC with its first 8 bytes, zero-padded) */
    public AhHeader(String password) {
        this(key(password));
    }

    AhHeader(byte[] key8) {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
        for (int i = 0; i < BLOCK; i++) {
            byte k = i < key8.length ? key8[i] : 0;
            ipad[i] = (byte) (k ^ 0x36);
            opad[i] = (byte) (k ^ 0x5c);
        }
    }

    /** The 8-byte key: the password's first 8 bytes, zero-padded (keepalived's auth_data field). */
    static byte[] key(String password) {
        byte[] k = new byte[AdvertPacket.AUTH_LENGTH];
        byte[] p = password.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(p, 0, k, 0, Math.min(k.length, p.length));
        return k;
    }

    /** Carries the sequence counter and IP id over from the instance's previous header (reload). */
    public void continueFrom(AhHeader previous) {
        sequence = previous.sequence;
        ipId = previous.ipId;
    }

    /** The sequence counter: the last number sent or accepted. */
    public long sequence() {
        return sequence;
    }

    /**
     * Starts an advert round: the next IP id (never 0, which would let the kernel choose one) and
     * sequence number, shared by all of the round's unicast copies, as keepalived does.
     */
    public void nextAdvert() {
        ipId = ipId == 0xffff ? 1 : ipId + 1;
        if (sequence < 0xfffffffeL) {
            sequence++;
        }
    }

    /**
     * Writes one whole IPv4 packet (header, AH, VRRP message) at the buffer's position for a socket
     * with IP_HDRINCL; the kernel fills in the header checksum.
     *
     * @param src our IPv4 source address (also the SPI)
     * @param dst the group or unicast peer
     * @param ttl 255 for multicast, unicast_ttl for peers (zeroed in the ICV then)
     * @return the number of bytes written
     */
    public int encode(ByteBuffer out, AdvertTemplate t, int priority, byte[] src, byte[] dst, int ttl,
            boolean unicast) {
        workBuffer.clear().position(IP_HEADER + LENGTH);
        int vrrp = AdvertPacket.encode(workBuffer, t, priority, src, dst);
        int total = IP_HEADER + LENGTH + vrrp;
        byte[] w = work;
        w[0] = 0x45;
        w[1] = 0; // TOS: zero for the ICV
        w[2] = (byte) (total >>> 8);
        w[3] = (byte) total;
        w[4] = (byte) (ipId >>> 8);
        w[5] = (byte) ipId;
        w[6] = 0;
        w[7] = 0;
        w[8] = (byte) (unicast ? 0 : ttl);
        w[9] = PROTOCOL;
        w[10] = 0;
        w[11] = 0;
        System.arraycopy(src, 0, w, 12, 4);
        System.arraycopy(dst, 0, w, 16, 4);
        int ah = IP_HEADER;
        w[ah] = (byte) AdvertPacket.PROTOCOL;
        w[ah + 1] = PAYLOAD_LENGTH;
        w[ah + 2] = 0;
        w[ah + 3] = 0;
        System.arraycopy(src, 0, w, ah + 4, 4);
        putInt(w, ah + 8, sequence);
        java.util.Arrays.fill(w, ah + ICV_OFFSET, ah + LENGTH, (byte) 0);
        hmac(w, total);
        System.arraycopy(digest, 0, w, ah + ICV_OFFSET, ICV_LENGTH);
        w[1] = (byte) TOS;
        w[8] = (byte) ttl;
        out.put(w, 0, total);
        return total;
    }

    /**
     * Checks a received advert's AH against this instance, in keepalived's order: the ICV, then
     * that the SPI is the source address, then that the sequence number is above the counter
     * (which it then becomes). Each failure is an authentication failure.
     *
     * @param unicast the instance uses unicast peers (the TTL is then not covered)
     */
    public AdvertPacket.Verdict check(AdvertView v, boolean unicast) {
        int total = v.ahPacketLength;
        int ihl = v.ahIpHeaderLength;
        byte[] w = work;
        System.arraycopy(v.ahPacket, 0, w, 0, total);
        w[1] = 0;
        w[6] = 0;
        w[7] = 0;
        w[10] = 0;
        w[11] = 0;
        if (unicast) {
            w[8] = 0;
        }
        java.util.Arrays.fill(w, ihl + ICV_OFFSET, ihl + LENGTH, (byte) 0);
        hmac(w, total);
        int diff = 0;
        for (int i = 0; i < ICV_LENGTH; i++) {
            diff |= digest[i] ^ v.ahPacket[ihl + ICV_OFFSET + i]; // constant time, as keepalived compares
        }
        if (diff != 0) {
            return AdvertPacket.Verdict.AH_BAD_ICV;
        }
        for (int i = 0; i < 4; i++) {
            if (v.ahPacket[ihl + 4 + i] != v.ahPacket[12 + i]) {
                return AdvertPacket.Verdict.AH_BAD_SPI;
            }
        }
        if (v.ahSequence <= sequence) {
            return AdvertPacket.Verdict.AH_REPLAY;
        }
        sequence = v.ahSequence;
        return AdvertPacket.Verdict.OK;
    }

    /**
     * Takes the AH header off a datagram of a protocol-51 socket: {@code in} is positioned after
     * the IP header (which starts at index 0). Copies the IP packet into the view for
     * {@link #check} and moves the position to the VRRP message. AH for another protocol is
     * {@link AdvertPacket.Verdict#NOT_VRRP} (keepalived ignores it without counting).
     */
    public static AdvertPacket.Verdict strip(ByteBuffer in, AdvertView view) {
        int ihl = in.position();
        int total = in.limit();
        view.ahPacketLength = 0;
        if (in.remaining() < LENGTH + AdvertPacket.HEADER_LENGTH) {
            return AdvertPacket.Verdict.TOO_SHORT;
        }
        if ((in.get(ihl) & 0xff) != AdvertPacket.PROTOCOL) {
            return AdvertPacket.Verdict.NOT_VRRP;
        }
        if (total > MAX_PACKET) {
            return AdvertPacket.Verdict.BAD_LENGTH;
        }
        in.get(0, view.ahPacket, 0, total);
        view.ahPacketLength = total;
        view.ahIpHeaderLength = ihl;
        view.ahSequence = in.getInt(ihl + 8) & 0xffffffffL;
        in.position(ihl + LENGTH);
        return AdvertPacket.Verdict.OK;
    }

    /**
     * keepalived's log line for an SPI that is not the source address: both printed as the raw
     * network-order 32-bit values read on a little-endian host, as 2.2.7 prints them.
     */
    public static String spiMismatch(AdvertView v) {
        int ihl = v.ahIpHeaderLength;
        return "IPSEC AH : invalid IPSEC SPI value. " + littleEndian(v.ahPacket, 12) + " and expect "
                + littleEndian(v.ahPacket, ihl + 4);
    }

    private static long littleEndian(byte[] b, int off) {
        return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24;
    }

    /** HMAC-MD5 (RFC 2104) of {@code w[0..len)} into {@link #digest}. */
    private void hmac(byte[] w, int len) {
        try {
            md5.update(ipad);
            md5.update(w, 0, len);
            md5.digest(digest, 0, 16);
            md5.update(opad);
            md5.update(digest, 0, 16);
            md5.digest(digest, 0, 16);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putInt(byte[] w, int off, long v) {
        w[off] = (byte) (v >>> 24);
        w[off + 1] = (byte) (v >>> 16);
        w[off + 2] = (byte) (v >>> 8);
        w[off + 3] = (byte) v;
    }

    static int maxPacket() {
        return MAX_PACKET;
    }
}
