package keepalived.vrrp.packet;

import java.nio.ByteBuffer;

/**
 * VRRP advertisement codec: VRRPv2 (RFC 3768, IPv4, optional PASS authentication) and VRRPv3
 * (RFC 5798, IPv4 and IPv6). Encoding writes into a caller's buffer; decoding fills a reusable
 * {@link AdvertView}; neither allocates.
 *
 * <p>Checks come in two steps, as in keepalived's {@code vrrp_check_packet}: {@link #decode}
 * checks what needs no instance (length, version, type, checksum); {@link #validate} checks an
 * advert against the receiving instance's {@link AdvertTemplate} (TTL, VRID, authentication,
 * interval, address list). Each failing {@link Verdict} maps to one of keepalived's counters
 * ({@code VrrpStats.count}). An address list that differs from ours is counted but accepted,
 * as keepalived accepts it.
 */
public final class AdvertPacket {
    private AdvertPacket() {
    }

    /** IP protocol / next header of VRRP. */
    public static final int PROTOCOL = 112;
    public static final int TYPE_ADVERTISEMENT = 1;
    public static final int HEADER_LENGTH = 8;
    public static final int AUTH_LENGTH = 8;
    public static final int AUTH_NONE = 0;
    public static final int AUTH_PASS = 1;
    public static final int AUTH_AH = 2;
    /** Required IPv4 TTL / IPv6 hop limit of multicast adverts. */
    public static final int TTL = 255;

    /** The outcome of checking one received advert. */
    public enum Verdict {
        OK(true),
        /** The address count or list differs from ours: logged and counted, the advert is still used. */
        ADDRESS_MISMATCH(true),
        /** Shorter than the header, or than its address count (and auth data) need. */
        TOO_SHORT(false),
        /** Longer than its address count says (keepalived counts it as a length error too). */
        BAD_LENGTH(false),
        BAD_VERSION(false),
        BAD_TYPE(false),
        BAD_CHECKSUM(false),
        /** Multicast advert with TTL / hop limit other than 255. */
        BAD_TTL(false),
        /** Not our VRID (the dispatcher normally never delivers these). */
        WRONG_VRID(false),
        /** VRRPv2 auth type not one of 0, 1, 2. */
        INVALID_AUTH_TYPE(false),
        /** VRRPv2 auth type differs from ours. */
        AUTH_TYPE_MISMATCH(false),
        /** VRRPv2 PASS password differs from ours. */
        AUTH_FAILURE(false),
        /** AH: the ICV does not match (wrong password, or the packet was changed); an auth failure. */
        AH_BAD_ICV(false),
        /** AH: the SPI is not the sender's address; an auth failure. */
        AH_BAD_SPI(false),
        /** AH: sequence number not above the instance's counter (a replay, or a restarted sender); an auth failure. */
        AH_REPLAY(false),
        /** An AH packet whose next header is not VRRP: not ours, ignored without a counter. */
        NOT_VRRP(false),
        /** VRRPv2 advert interval differs from ours (v3 backups adopt the master's interval instead). */
        INTERVAL_MISMATCH(false),
        /** Unicast with check_unicast_src: the source is not one of our unicast peers. */
        NOT_A_PEER(false);

        private final boolean accepted;

        Verdict(boolean accepted) {
            this.accepted = accepted;
        }

        /** Whether the state machine acts on an advert with this verdict. */
        public boolean accepted() {
            return accepted;
        }
    }

    /**
     * Writes one advert at the buffer's position and advances it.
     *
     * @param src our source address (4 or 16 bytes), used by the v3 pseudo-header checksum
     * @param dst the destination (multicast group or unicast peer), ditto
     * @return the number of bytes written
     */
    public static int encode(ByteBuffer out, AdvertTemplate t, int priority, byte[] src, byte[] dst) {
        int start = out.position();
        out.put((byte) ((t.version() << 4) | TYPE_ADVERTISEMENT));
        out.put((byte) t.vrid());
        out.put((byte) priority);
        out.put((byte) t.count());
        if (t.version() == 2) {
            out.put((byte) t.authType());
            out.put((byte) t.rawInterval());
        } else {
            out.putShort((short) (t.rawInterval() & 0x0fff));
        }
        out.putShort((short) 0);
        out.put(t.addresses());
        if (t.version() == 2) {
            byte[] pass = t.authPass();
            for (int i = 0; i < AUTH_LENGTH; i++) {
                out.put(pass != null && i < pass.length ? pass[i] : 0);
            }
        }
        int len = out.position() - start;
        int sum = checksum(out, start, len, t.version(), t.ipv6(), t.v3ChecksumAsV2(), src, dst);
        out.putShort(start + 6, (short) sum);
        return len;
    }

    /**
     * Decodes the VRRP message between the buffer's position and limit (the IP payload) into
     * {@code view}, checking length, version, type and checksum. The buffer's position is not
     * moved. On a failing verdict the view holds whatever fields could be read (at least the
     * VRID when two bytes arrived), so the caller can charge the error to the instance.
     *
     * @param src source address of the IP packet (4 or 16 bytes; its length gives the family)
     * @param dst destination address of the IP packet
     * @param ttl IPv4 TTL / IPv6 hop limit
     * @param v3ChecksumAsV2 a VRRPv3 IPv4 checksum without the pseudo-header is expected
     */
    public static Verdict decode(ByteBuffer in, byte[] src, byte[] dst, int ttl, boolean v3ChecksumAsV2,
            AdvertView view) {
        int p = in.position();
        int len = in.remaining();
        boolean ipv6 = src.length == 16;
        view.ipv6 = ipv6;
        view.ttl = ttl;
        view.length = len;
        System.arraycopy(src, 0, view.source, 0, src.length);
        System.arraycopy(dst, 0, view.destination, 0, dst.length);
        view.version = 0;
        view.type = 0;
        view.vrid = 0;
        view.priority = 0;
        view.countIp = 0;
        view.authType = 0;
        view.rawInterval = 0;
        view.checksum = 0;
        if (len >= 1) {
            int b0 = in.get(p) & 0xff;
            view.version = b0 >>> 4;
            view.type = b0 & 0x0f;
        }
        if (len >= 2) {
            view.vrid = in.get(p + 1) & 0xff;
        }
        if (len < HEADER_LENGTH) {
            return Verdict.TOO_SHORT;
        }
        view.priority = in.get(p + 2) & 0xff;
        view.countIp = in.get(p + 3) & 0xff;
        int version = view.version;
        if (version == 2) {
            view.authType = in.get(p + 4) & 0xff;
            view.rawInterval = in.get(p + 5) & 0xff;
        } else {
            view.rawInterval = in.getShort(p + 4) & 0x0fff;
        }
        view.checksum = in.getShort(p + 6) & 0xffff;
        if (version != 2 && version != 3 || version == 2 && ipv6) {
            return Verdict.BAD_VERSION;
        }
        if (view.type != TYPE_ADVERTISEMENT) {
            return Verdict.BAD_TYPE;
        }
        int alen = ipv6 ? 16 : 4;
        int expected = HEADER_LENGTH + view.countIp * alen + (version == 2 ? AUTH_LENGTH : 0);
        if (len < expected) {
            return Verdict.TOO_SHORT;
        }
        if (len > expected) {
            return Verdict.BAD_LENGTH;
        }
        in.get(p + HEADER_LENGTH, view.addresses, 0, view.countIp * alen);
        if (version == 2) {
            in.get(p + HEADER_LENGTH + view.countIp * alen, view.authData, 0, AUTH_LENGTH);
        }
        if (checksum(in, p, len, version, ipv6, v3ChecksumAsV2, src, dst) != 0) {
            return Verdict.BAD_CHECKSUM;
        }
        return Verdict.OK;
    }

    /**
     * Checks a decoded advert against the receiving instance: TTL (multicast only), VRID,
     * authentication (v2), interval (v2) and the address list.
     *
     * @param multicast the advert was sent to a multicast group (unicast TTLs are checked per peer elsewhere)
     * @param checkAddresses compare the address list (keepalived's skip_check_adv_addr may skip it)
     */
    public static Verdict validate(AdvertView v, AdvertTemplate mine, boolean multicast, boolean checkAddresses) {
        return validate(v, mine, null, false, multicast, checkAddresses);
    }

    /**
     * As {@link #validate(AdvertView, AdvertTemplate, boolean, boolean)}, with the instance's AH
     * state: an advert with AH must meet an instance with AH and the reverse (else a type mismatch),
     * and AH adverts pass {@link AhHeader#check} (which advances its sequence counter).
     *
     * @param ah the instance's AH header, null without {@code auth_type AH}
     * @param unicast the instance uses unicast peers (the AH ICV then leaves out the TTL)
     */
    public static Verdict validate(AdvertView v, AdvertTemplate mine, AhHeader ah, boolean unicast, boolean multicast,
            boolean checkAddresses) {
        if (v.version == 2 && !v.ipv6 && v.hasAh() != (ah != null)) {
            return Verdict.AUTH_TYPE_MISMATCH; // keepalived checks the IP protocol first
        }
        if (multicast && v.ttl != TTL) {
            return Verdict.BAD_TTL;
        }
        if (v.version != mine.version()) {
            return Verdict.BAD_VERSION;
        }
        if (v.vrid != mine.vrid()) {
            return Verdict.WRONG_VRID;
        }
        if (v.version == 2) {
            if (v.authType > AUTH_AH) {
                return Verdict.INVALID_AUTH_TYPE;
            }
            if (v.authType != mine.authType()) {
                return Verdict.AUTH_TYPE_MISMATCH;
            }
            if (v.authType == AUTH_PASS && !v.authDataEquals(mine.authPass())) {
                return Verdict.AUTH_FAILURE;
            }
            if (v.authType == AUTH_AH) {
                Verdict a = ah == null ? Verdict.AUTH_TYPE_MISMATCH : ah.check(v, unicast);
                if (a != Verdict.OK) {
                    return a;
                }
            }
            if (v.rawInterval != mine.rawInterval()) {
                return Verdict.INTERVAL_MISMATCH;
            }
        }
        if (checkAddresses && v.priority != 0 && !sameAddresses(v, mine)) {
            return Verdict.ADDRESS_MISMATCH;
        }
        return Verdict.OK;
    }

    /** Same count and every one of our addresses present in the advert. */
    private static boolean sameAddresses(AdvertView v, AdvertTemplate mine) {
        if (v.countIp != mine.count() || v.ipv6 != mine.ipv6()) {
            return false;
        }
        int n = v.addressLength();
        byte[] a = mine.addresses();
        outer:
        for (int i = 0; i < mine.count(); i++) {
            for (int j = 0; j < v.countIp; j++) {
                if (java.util.Arrays.equals(a, i * n, i * n + n, v.addresses, j * n, j * n + n)) {
                    continue outer;
                }
            }
            return false;
        }
        return true;
    }

    /**
     * The checksum over {@code len} bytes at {@code off} (with the checksum field as found): 0
     * on receipt means valid; on send (field zero) it is the value to store. VRRPv3 adds the
     * IPv4 or IPv6 pseudo-header (keepalived uses it for IPv4 too, unless v3_checksum_as_v2).
     */
    static int checksum(ByteBuffer b, int off, int len, int version, boolean ipv6, boolean v3AsV2,
            byte[] src, byte[] dst) {
        long sum = 0;
        if (version == 3 && !(v3AsV2 && !ipv6)) {
            sum += sumBytes(src);
            sum += sumBytes(dst);
            // IPv4: zero, protocol, 16-bit length; IPv6: 32-bit length, 3 zero bytes, next header
            sum += PROTOCOL;
            sum += len;
        }
        for (int i = 0; i + 1 < len; i += 2) {
            sum += ((b.get(off + i) & 0xff) << 8) | (b.get(off + i + 1) & 0xff);
        }
        if ((len & 1) != 0) {
            sum += (b.get(off + len - 1) & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static long sumBytes(byte[] a) {
        long s = 0;
        for (int i = 0; i + 1 < a.length; i += 2) {
            s += ((a[i] & 0xff) << 8) | (a[i + 1] & 0xff);
        }
        return s;
    }
}
