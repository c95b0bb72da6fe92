package keepalived.vrrp.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import keepalived.vrrp.packet.AdvertPacket.Verdict;

/**
 * AH adverts captured from Debian's keepalived 2.2.7 (two hosts 10.77.0.1 priority 100 and 10.77.0.2
 * priority 150, VRID 51, VIP 10.77.0.100, advert_int 1, auth_pass secret12; tcpdump -w on the
 * segment), used as test vectors for both directions.
 */
class AhHeaderTest {
    private static final String PASS = "secret12";
    /** 10.77.0.1 as MASTER: IP id 1, sequence 1, priority 100 (its first advert). */
    static final String H1_SEQ1 = "45c0004000010000ff33d0690a4d0001e0000012700400000a4d000100000001"
            + "a230aeb204b7285a3d6275812133640102016e190a4d00640000000000000000";
    /** Its second advert: IP id 2, sequence 2. */
    static final String H1_SEQ2 = "45c0004000020000ff33d0680a4d0001e0000012700400000a4d000100000002"
            + "1ab9afdec4ce5821fdf7ddc22133640102016e190a4d00640000000000000000";
    /** 10.77.0.1's sixth advert (sequence 6), the last before 10.77.0.2 took over. */
    static final String H1_SEQ6 = "45c0004000060000ff33d0640a4d0001e0000012700400000a4d000100000006"
            + "3c7fa227bd8dcbe29a963a512133640102016e190a4d00640000000000000000";
    /** 10.77.0.2's first advert as MASTER: IP id 1, but sequence 7, continuing from what it heard. */
    static final String H2_SEQ7 = "45c0004000010000ff33d0680a4d0002e0000012700400000a4d000200000007"
            + "739c84bb28c758e2425bba792133960102013c190a4d00640000000000000000";
    /** 10.77.0.2 stopping: priority 0, IP id 11, sequence 17. */
    static final String H2_PRIO0 = "45c00040000b0000ff33d05e0a4d0002e0000012700400000a4d000200000011"
            + "02fbee36af40a89d25a37de1213300010201d2190a4d00640000000000000000";

    private static final byte[] GROUP = {(byte) 224, 0, 0, 18};
    private static final byte[] H1 = {10, 77, 0, 1};
    private static final byte[] H2 = {10, 77, 0, 2};
    private static final byte[] VIP = {10, 77, 0, 100};

    private final AdvertTemplate template = new AdvertTemplate(2, false, 51, 1_000_000, VIP, 1, null, false, true);
    private final AdvertView view = new AdvertView();

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    /** Receives a captured IP packet as the daemon does (strip AH, decode, validate). */
    private Verdict receive(String packet, AhHeader ah) {
        byte[] p = hex(packet);
        ByteBuffer b = ByteBuffer.wrap(p);
        b.position(20);
        Verdict v = AhHeader.strip(b, view);
        if (v != Verdict.OK) {
            return v;
        }
        byte[] src = java.util.Arrays.copyOfRange(p, 12, 16);
        v = AdvertPacket.decode(b, src, GROUP, p[8] & 0xff, false, view);
        if (v != Verdict.OK) {
            return v;
        }
        return AdvertPacket.validate(view, template, ah, false, true, true);
    }

    @Test
    void keepalivedAdvertsVerifyWithThePassword() {
        AhHeader ah = new AhHeader(PASS);
        assertEquals(Verdict.OK, receive(H1_SEQ1, ah));
        assertEquals(1, view.ahSequence());
        assertEquals(100, view.priority());
        assertEquals(AdvertPacket.AUTH_AH, view.authType());
        assertEquals(Verdict.OK, receive(H1_SEQ2, ah));
        assertEquals(2, ah.sequence(), "an accepted advert sets the counter");
    }

    @Test
    void wrongPasswordIsABadIcv() {
        assertEquals(Verdict.AH_BAD_ICV, receive(H1_SEQ1, new AhHeader("wrongpw1")));
        assertEquals(Verdict.AH_BAD_ICV, receive(H1_SEQ1, new AhHeader("secret1")));
    }

    @Test
    void onlyTheFirstEightCharactersKey() {
        assertEquals(Verdict.OK, receive(H1_SEQ1, new AhHeader("secret12-and-more")));
    }

    @Test
    void anyChangedByteCoveredByTheIcvIsRejected() {
        byte[] p = hex(H1_SEQ1);
        // IP id, source, AH sequence, priority (VRRP checksum fixed up would still fail the ICV)
        for (int i : new int[] {5, 15, 31, 46}) {
            byte[] bad = p.clone();
            bad[i] ^= 1;
            Verdict v = receive(HexFormat.of().formatHex(bad), new AhHeader(PASS));
            assertTrue(v == Verdict.AH_BAD_ICV || v == Verdict.BAD_CHECKSUM, "byte " + i + ": " + v);
        }
        // the mutable fields are not covered: TOS, flags/fragment offset, header checksum
        byte[] mutable = p.clone();
        mutable[1] = 0;
        mutable[6] = 0x40;
        mutable[10] = 0x12;
        assertEquals(Verdict.OK, receive(HexFormat.of().formatHex(mutable), new AhHeader(PASS)));
    }

    @Test
    void aSequenceNumberNotAboveTheCounterIsAReplay() {
        AhHeader ah = new AhHeader(PASS);
        assertEquals(Verdict.OK, receive(H1_SEQ2, ah));
        assertEquals(Verdict.AH_REPLAY, receive(H1_SEQ2, ah));
        assertEquals(Verdict.AH_REPLAY, receive(H1_SEQ1, ah), "a restarted sender's low numbers are refused");
        assertEquals(2, ah.sequence());
    }

    @Test
    void authFailuresAreCountedAsKeepalivedDoes() {
        keepalived.vrrp.state.VrrpStats stats = new keepalived.vrrp.state.VrrpStats();
        stats.count(Verdict.AH_BAD_ICV);
        stats.count(Verdict.AH_BAD_SPI);
        stats.count(Verdict.AH_REPLAY);
        assertEquals(3, stats.authFailure());
    }

    @Test
    void spiMustBeTheSourceAddress() throws Exception {
        // keepalived's first advert re-signed (with the JDK's HmacMD5) after setting the SPI to 10.77.0.9
        byte[] p = hex(H1_SEQ1);
        p[27] = 9;
        java.util.Arrays.fill(p, 32, 44, (byte) 0);
        byte[] signed = p.clone();
        signed[1] = 0;
        signed[10] = 0;
        signed[11] = 0;
        System.arraycopy(jdkHmac(signed), 0, p, 32, 12);
        assertEquals(Verdict.AH_BAD_SPI, receive(HexFormat.of().formatHex(p), new AhHeader(PASS)));
        // 10.77.0.1 and 10.77.0.9 as keepalived prints them (network-order bytes read little-endian)
        assertEquals("IPSEC AH : invalid IPSEC SPI value. 16796938 and expect 151014666", AhHeader.spiMismatch(view));
    }

    @Test
    void encodeMatchesKeepalivedByteForByte() {
        AhHeader ah = new AhHeader(PASS);
        ah.nextAdvert(); // IP id 1, sequence 1
        ByteBuffer out = ByteBuffer.allocate(128);
        int n = ah.encode(out, template, 100, H1, GROUP, 255, false);
        assertArrayEquals(withoutIpChecksum(hex(H1_SEQ1)), java.util.Arrays.copyOf(out.array(), n));
    }

    @Test
    void aNewMasterContinuesFromTheSequenceItHeard() {
        AhHeader ah = new AhHeader(PASS); // 10.77.0.2, a backup hearing 10.77.0.1
        assertEquals(Verdict.OK, receive(H1_SEQ6, ah));
        ah.nextAdvert(); // its own first advert: IP id 1, sequence 7
        ByteBuffer out = ByteBuffer.allocate(128);
        int n = ah.encode(out, template, 150, H2, GROUP, 255, false);
        assertArrayEquals(withoutIpChecksum(hex(H2_SEQ7)), java.util.Arrays.copyOf(out.array(), n));
    }

    @Test
    void priorityZeroAdvertVerifies() {
        AhHeader ah = new AhHeader(PASS);
        assertEquals(Verdict.OK, receive(H2_PRIO0, ah));
        assertEquals(0, view.priority());
        assertEquals(17, ah.sequence());
    }

    private static byte[] jdkHmac(byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec(AhHeader.key(PASS), "HmacMD5"));
        return mac.doFinal(data);
    }

    @Test
    void hmacIsRfc2104AsTheJdkComputesIt() throws Exception {
        byte[] p = hex(H1_SEQ1);
        byte[] icv = java.util.Arrays.copyOfRange(p, 32, 44);
        p[1] = 0;
        p[10] = 0;
        p[11] = 0;
        java.util.Arrays.fill(p, 32, 44, (byte) 0);
        assertArrayEquals(icv, java.util.Arrays.copyOf(jdkHmac(p), 12));
    }

    @Test
    void anAhPacketForAnotherProtocolIsNotOurs() {
        byte[] p = hex(H1_SEQ1);
        p[20] = 6; // next header TCP
        ByteBuffer b = ByteBuffer.wrap(p).position(20);
        assertEquals(Verdict.NOT_VRRP, AhHeader.strip(b, view));
        assertEquals(Verdict.TOO_SHORT, AhHeader.strip(ByteBuffer.wrap(p, 0, 40).position(20), view));
    }

    @Test
    void sendingAndCheckingAllocateNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        AhHeader sender = new AhHeader(PASS);
        AhHeader receiver = new AhHeader(PASS);
        ByteBuffer out = ByteBuffer.allocateDirect(128);
        byte[] src = H1.clone();
        int iterations = 20_000;
        long allocated = 0;
        for (int round = 0; round < 2; round++) { // the first round warms up (class loading, JIT)
            long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < iterations; i++) {
                sender.nextAdvert();
                out.clear();
                sender.encode(out, template, 100, src, GROUP, 255, false);
                out.flip().position(20);
                AhHeader.strip(out, view);
                AdvertPacket.decode(out, src, GROUP, 255, false, view);
                receiver.check(view, false);
            }
            allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        }
        assertEquals(iterations * 2L, receiver.sequence());
        assertTrue(allocated < iterations, allocated + " bytes allocated over " + iterations + " adverts");
    }

    private static byte[] withoutIpChecksum(byte[] p) {
        p[10] = 0;
        p[11] = 0;
        return p;
    }
}
