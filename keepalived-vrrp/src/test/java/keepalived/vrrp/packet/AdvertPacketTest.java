package keepalived.vrrp.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import keepalived.vrrp.packet.AdvertPacket.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes (checksums computed independently of this codec) and the receive checks, each
 * verdict as keepalived's vrrp_check_packet would judge it.
 */
class AdvertPacketTest {
    private static final HexFormat HEX = HexFormat.of();

    static byte[] ip(String s) {
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] r = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, r, o, p.length);
            o += p.length;
        }
        return r;
    }

    static final AdvertTemplate V2_PASS = new AdvertTemplate(2, false, 51, 1_000_000, ip("192.168.200.16"), 1,
            "1111".getBytes(StandardCharsets.US_ASCII), false);
    static final AdvertTemplate V3_V4 = new AdvertTemplate(3, false, 51, 1_000_000,
            concat(ip("10.250.1.100"), ip("10.250.1.101")), 2, null, false);
    static final AdvertTemplate V3_V6 = new AdvertTemplate(3, true, 7, 100_000, ip("fe80::100"), 1, null, false);
    static final byte[] SRC4 = ip("10.250.1.2");
    static final byte[] GROUP4 = ip("224.0.0.18");
    static final byte[] SRC6 = ip("fe80::1");
    static final byte[] GROUP6 = ip("ff02::12");

    static byte[] encode(AdvertTemplate t, int prio, byte[] src, byte[] dst) {
        ByteBuffer b = ByteBuffer.allocate(2048);
        int n = AdvertPacket.encode(b, t, prio, src, dst);
        assertEquals(n, b.position());
        assertEquals(t.length(), n);
        byte[] r = new byte[n];
        b.flip().get(r);
        return r;
    }

    static Verdict decode(byte[] pkt, byte[] src, byte[] dst, int ttl, AdvertView v) {
        return AdvertPacket.decode(ByteBuffer.wrap(pkt), src, dst, ttl, false, v);
    }

    @Test
    void v2Ipv4WithPassAuthentication() {
        assertEquals("2133960101015caec0a8c8103131313100000000", HEX.formatHex(encode(V2_PASS, 150, SRC4, GROUP4)));
    }

    @Test
    void v3Ipv4ChecksumIncludesThePseudoHeader() {
        assertEquals("313364020064651a0afa01640afa0165", HEX.formatHex(encode(V3_V4, 100, SRC4, GROUP4)));
    }

    @Test
    void v3Ipv4ChecksumAsV2LeavesThePseudoHeaderOut() {
        AdvertTemplate t = new AdvertTemplate(3, false, 51, 1_000_000, V3_V4.addresses(), 2, null, true);
        assertEquals("3133640200645" + "1a9" + "0afa01640afa0165", HEX.formatHex(encode(t, 100, SRC4, GROUP4)));
    }

    @Test
    void v3Ipv6() {
        assertEquals("3107c801000a094dfe800000000000000000000000000100", HEX.formatHex(encode(V3_V6, 200, SRC6, GROUP6)));
    }

    @Test
    void encodeWritesAtThePositionAndAdvancesIt() {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.position(10);
        AdvertPacket.encode(b, V3_V4, 100, SRC4, GROUP4);
        assertEquals(26, b.position());
        byte[] r = new byte[16];
        b.get(10, r);
        assertEquals("313364020064651a0afa01640afa0165", HEX.formatHex(r));
    }

    @Test
    void decodeRoundTripsEveryField() {
        AdvertView v = new AdvertView();
        assertEquals(Verdict.OK, decode(encode(V2_PASS, 150, SRC4, GROUP4), SRC4, GROUP4, 255, v));
        assertEquals(2, v.version());
        assertEquals(1, v.type());
        assertEquals(51, v.vrid());
        assertEquals(150, v.priority());
        assertEquals(1, v.countIp());
        assertEquals(1, v.authType());
        assertEquals(1_000_000, v.advertIntervalUs());
        assertTrue(v.addressEquals(0, ip("192.168.200.16")));
        assertTrue(v.authDataEquals("1111".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(v.sourceEquals(SRC4));
        assertEquals(Verdict.OK, AdvertPacket.validate(v, V2_PASS, true, true));

        assertEquals(Verdict.OK, decode(encode(V3_V6, 200, SRC6, GROUP6), SRC6, GROUP6, 255, v));
        assertTrue(v.ipv6());
        assertEquals(3, v.version());
        assertEquals(7, v.vrid());
        assertEquals(200, v.priority());
        assertEquals(100_000, v.advertIntervalUs());
        assertTrue(v.containsAddress(ip("fe80::100")));
        assertEquals(Verdict.OK, AdvertPacket.validate(v, V3_V6, true, true));
        assertEquals(0, v.compareSource(SRC6));
        assertTrue(v.compareSource(ip("fe80::2")) < 0);
        assertTrue(v.compareSource(ip("fe80::0")) > 0);
    }

    @Test
    void truncatedAndOverlongPacketsAreLengthErrors() {
        AdvertView v = new AdvertView();
        byte[] ok = encode(V3_V4, 100, SRC4, GROUP4);
        assertEquals(Verdict.TOO_SHORT, decode(java.util.Arrays.copyOf(ok, 5), SRC4, GROUP4, 255, v));
        assertEquals(51, v.vrid(), "the VRID is known so the error can be charged to the instance");
        assertEquals(Verdict.TOO_SHORT, decode(java.util.Arrays.copyOf(ok, 12), SRC4, GROUP4, 255, v));
        assertEquals(Verdict.BAD_LENGTH, decode(java.util.Arrays.copyOf(ok, 20), SRC4, GROUP4, 255, v));
        // v2 without its 8 auth bytes
        byte[] v2 = encode(V2_PASS, 150, SRC4, GROUP4);
        assertEquals(Verdict.TOO_SHORT, decode(java.util.Arrays.copyOf(v2, 12), SRC4, GROUP4, 255, v));
        assertEquals(Verdict.TOO_SHORT, decode(new byte[0], SRC4, GROUP4, 255, v));
    }

    @Test
    void versionTypeAndChecksumChecks() {
        AdvertView v = new AdvertView();
        byte[] p = encode(V3_V4, 100, SRC4, GROUP4);
        p[0] = 0x41;
        assertEquals(Verdict.BAD_VERSION, decode(p, SRC4, GROUP4, 255, v));
        p = encode(V3_V4, 100, SRC4, GROUP4);
        p[0] = 0x32;
        assertEquals(Verdict.BAD_TYPE, decode(p, SRC4, GROUP4, 255, v));
        p = encode(V3_V4, 100, SRC4, GROUP4);
        p[7] ^= 1;
        assertEquals(Verdict.BAD_CHECKSUM, decode(p, SRC4, GROUP4, 255, v));
        // the v3 checksum covers the pseudo-header: another source fails it
        p = encode(V3_V4, 100, SRC4, GROUP4);
        assertEquals(Verdict.BAD_CHECKSUM, decode(p, ip("10.250.1.3"), GROUP4, 255, v));
        // a v2-style checksum on v3 is accepted only when configured (v3_checksum_as_v2)
        AdvertTemplate asV2 = new AdvertTemplate(3, false, 51, 1_000_000, V3_V4.addresses(), 2, null, true);
        p = encode(asV2, 100, SRC4, GROUP4);
        assertEquals(Verdict.BAD_CHECKSUM, decode(p, SRC4, GROUP4, 255, v));
        assertEquals(Verdict.OK, AdvertPacket.decode(ByteBuffer.wrap(p), SRC4, GROUP4, 255, true, v));
        // a v2 advert over IPv6 does not exist
        p = encode(V2_PASS, 100, SRC4, GROUP4);
        assertEquals(Verdict.BAD_VERSION, decode(p, SRC6, GROUP6, 255, v));
    }

    @Test
    void instanceChecks() {
        AdvertView v = new AdvertView();
        byte[] p = encode(V2_PASS, 150, SRC4, GROUP4);
        assertEquals(Verdict.OK, decode(p, SRC4, GROUP4, 254, v));
        assertEquals(Verdict.BAD_TTL, AdvertPacket.validate(v, V2_PASS, true, true));
        assertEquals(Verdict.OK, AdvertPacket.validate(v, V2_PASS, false, true), "unicast TTLs are per peer");

        AdvertTemplate otherPass = new AdvertTemplate(2, false, 51, 1_000_000, ip("192.168.200.16"), 1,
                "2222".getBytes(StandardCharsets.US_ASCII), false);
        decode(p, SRC4, GROUP4, 255, v);
        assertEquals(Verdict.AUTH_FAILURE, AdvertPacket.validate(v, otherPass, true, true));
        AdvertTemplate noAuth = new AdvertTemplate(2, false, 51, 1_000_000, ip("192.168.200.16"), 1, null, false);
        assertEquals(Verdict.AUTH_TYPE_MISMATCH, AdvertPacket.validate(v, noAuth, true, true));
        AdvertTemplate otherVrid = new AdvertTemplate(2, false, 52, 1_000_000, ip("192.168.200.16"), 1,
                "1111".getBytes(StandardCharsets.US_ASCII), false);
        assertEquals(Verdict.WRONG_VRID, AdvertPacket.validate(v, otherVrid, true, true));
        AdvertTemplate twoSeconds = new AdvertTemplate(2, false, 51, 2_000_000, ip("192.168.200.16"), 1,
                "1111".getBytes(StandardCharsets.US_ASCII), false);
        assertEquals(Verdict.INTERVAL_MISMATCH, AdvertPacket.validate(v, twoSeconds, true, true));
        assertEquals(Verdict.BAD_VERSION, AdvertPacket.validate(v, V3_V4, true, true));

        // auth type 3 does not exist; fix the checksum so only the auth check fails
        byte[] bad = p.clone();
        bad[4] = 3;
        fixV2Checksum(bad);
        assertEquals(Verdict.OK, decode(bad, SRC4, GROUP4, 255, v));
        assertEquals(Verdict.INVALID_AUTH_TYPE, AdvertPacket.validate(v, V2_PASS, true, true));
    }

    @Test
    void addressListMismatchIsCountedButAccepted() {
        AdvertView v = new AdvertView();
        AdvertTemplate other = new AdvertTemplate(3, false, 51, 1_000_000, ip("10.250.1.100"), 1, null, false);
        assertEquals(Verdict.OK, decode(encode(other, 100, SRC4, GROUP4), SRC4, GROUP4, 255, v));
        Verdict r = AdvertPacket.validate(v, V3_V4, true, true);
        assertEquals(Verdict.ADDRESS_MISMATCH, r);
        assertTrue(r.accepted());
        assertEquals(Verdict.OK, AdvertPacket.validate(v, V3_V4, true, false), "skip_check_adv_addr");
        // same count, different address
        AdvertTemplate swapped = new AdvertTemplate(3, false, 51, 1_000_000,
                concat(ip("10.250.1.101"), ip("10.250.1.100")), 2, null, false);
        decode(encode(swapped, 100, SRC4, GROUP4), SRC4, GROUP4, 255, v);
        assertEquals(Verdict.OK, AdvertPacket.validate(v, V3_V4, true, true), "order does not matter");
        AdvertTemplate changed = new AdvertTemplate(3, false, 51, 1_000_000,
                concat(ip("10.250.1.101"), ip("10.250.1.102")), 2, null, false);
        decode(encode(changed, 100, SRC4, GROUP4), SRC4, GROUP4, 255, v);
        assertEquals(Verdict.ADDRESS_MISMATCH, AdvertPacket.validate(v, V3_V4, true, true));
        // v3 backups adopt the master's interval: no interval check
        AdvertTemplate fast = new AdvertTemplate(3, false, 51, 100_000, V3_V4.addresses(), 2, null, false);
        decode(encode(fast, 100, SRC4, GROUP4), SRC4, GROUP4, 255, v);
        assertEquals(Verdict.OK, AdvertPacket.validate(v, V3_V4, true, true));
        assertEquals(100_000, v.advertIntervalUs());
    }

    @Test
    void rejectedVerdictsAreNotAccepted() {
        for (Verdict x : Verdict.values()) {
            assertEquals(x == Verdict.OK || x == Verdict.ADDRESS_MISMATCH, x.accepted(), x.name());
        }
        assertFalse(Verdict.INTERVAL_MISMATCH.accepted());
    }

    @Test
    void decodeReadsWithoutMovingTheBuffer() {
        byte[] p = encode(V3_V4, 100, SRC4, GROUP4);
        ByteBuffer b = ByteBuffer.allocate(100);
        b.position(20);
        b.put(p);
        b.limit(b.position()).position(20);
        AdvertView v = new AdvertView();
        assertEquals(Verdict.OK, AdvertPacket.decode(b, SRC4, GROUP4, 255, false, v));
        assertEquals(20, b.position());
        byte[] a = new byte[4];
        v.copySource(a);
        assertArrayEquals(SRC4, a);
    }

    private static void fixV2Checksum(byte[] p) {
        p[6] = 0;
        p[7] = 0;
        int c = AdvertPacket.checksum(ByteBuffer.wrap(p), 0, p.length, 2, false, false, null, null);
        p[6] = (byte) (c >>> 8);
        p[7] = (byte) c;
    }
}
