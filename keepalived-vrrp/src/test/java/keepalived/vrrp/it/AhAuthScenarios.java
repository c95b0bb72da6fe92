package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import keepalived.testing.Cmd;
import keepalived.testing.Prerequisites;

/**
 * VRRPv2 {@code auth_type AH} between two implementations (host 1: {@link #high()} at priority 150,
 * host 2: {@link #low()} at 100, host 3 captures), at 1 s as keepalived 2.2.7 runs it: the election
 * and a SIGKILL takeover with the sequence numbers continuing, a wrong password on one side (each
 * drops the other's adverts as auth failures, both become MASTER), and injected AH adverts with a
 * bad ICV or a replayed sequence number (dropped and counted, no state change).
 */
abstract class AhAuthScenarios {
    static final int HIGH = 150;
    static final int LOW = 100;
    static final String PASS = "secret12";

    abstract Impl high();

    abstract Impl low();

    Path dir;
    Segment segment;
    Capture capture;
    Segment.Host a;
    Segment.Host b;
    final List<Daemon> daemons = new ArrayList<>();

    @RegisterExtension
    final Lab lab = Lab.withHosts(3);

    @BeforeEach
    void setUp() throws Exception {
        Prerequisites.require(Cmd.available("tcpdump"), "tcpdump (apt-get install tcpdump)");
        dir = lab.dir();
        segment = lab.segment();
        a = segment.host(1);
        b = segment.host(2);
        capture = lab.track(Capture.start(segment.host(3), dir.resolve("capture.txt")));
    }

    /**
     * A alone becomes MASTER (AH clears {@code state MASTER}, so after its master-down timer),
     * sending AH adverts with increasing sequence numbers; B joins as BACKUP without a single auth
     * failure; SIGKILL of A: B takes over and its sequence numbers continue from A's.
     */
    @Test
    void electionAndSigkillTakeoverWithAh() throws Exception {
        Conf ca = conf("a", HIGH, PASS).state("MASTER");
        Conf cb = conf("b", LOW, PASS);
        Daemon da = start(high(), a, "a", ca, dir);
        awaitHolds(a, 15_000, "A alone becomes MASTER");
        Daemon db = start(low(), b, "b", cb, dir);
        db.awaitBackup();
        Wait.sleep(2500);
        assertTrue(a.holds(vip()) && !b.holds(vip()), () -> "A stays the only MASTER beside B\n" + diag());
        List<Capture.Advert> fromA = capture.adverts(x -> x.mac().equals(a.mac()) && x.prio() == HIGH);
        assertTrue(fromA.size() >= 3, () -> "A advertises\n" + diag());
        for (int i = 0; i < fromA.size(); i++) {
            Capture.Advert x = fromA.get(i);
            assertTrue(x.ahSeq() > 0, () -> "A's adverts carry AH: " + x.line());
            assertTrue(i == 0 || x.ahSeq() > fromA.get(i - 1).ahSeq(), () -> "sequence numbers increase: " + fromA);
        }
        assertTrue(capture.adverts(x -> x.mac().equals(b.mac())).isEmpty(), () -> "B (BACKUP) is silent\n" + diag());
        assertFalse(db.log().contains("IPSEC-AH"), () -> "B accepts A's AH adverts:\n" + db.logTail(20));

        long kill = FailoverScenarios.nowMicros();
        da.kill();
        awaitHolds(b, 8000, "B takes over after SIGKILL of A");
        Capture.Advert first = capture.await(Capture.Advert.class,
                x -> x.mac().equals(b.mac()) && x.prio() == LOW && x.micros() > kill, 3000);
        assertNotNull(first, () -> "no advert from B\n" + diag());
        long lastA = capture.adverts(x -> x.mac().equals(a.mac())).stream()
                .max(Comparator.comparingLong(Capture.Advert::micros)).orElseThrow().ahSeq();
        assertEquals(lastA + 1, first.ahSeq(), () -> "B continues A's sequence: " + first.line() + "\n" + diag());
        double gap = (first.micros() - capture.adverts(x -> x.mac().equals(a.mac())).stream()
                .mapToLong(Capture.Advert::micros).max().orElseThrow()) / 1000.0;
        System.out.println(getClass().getSimpleName() + " AH v2 1s SIGKILL takeover gap " + FailoverScenarios.fmt(gap) + " ms");
        assertTrue(gap >= 2700 && gap <= 4200, () -> "takeover gap " + gap + " ms, expected about 3.6 s\n" + diag());
    }

    /**
     * Unicast peers with AH (the ICV then leaves out the TTL): B accepts A's adverts without an auth
     * failure and stays BACKUP; after SIGKILL of A, B takes over and sends to A's address.
     */
    @Test
    void unicastPeersWithAh() throws Exception {
        Conf ca = conf("a", HIGH, PASS).unicast(a.ipv4(), b.ipv4());
        Conf cb = conf("b", LOW, PASS).unicast(b.ipv4(), a.ipv4());
        Daemon da = start(high(), a, "a", ca, dir);
        awaitHolds(a, 15_000, "A alone becomes MASTER");
        Daemon db = start(low(), b, "b", cb, dir);
        db.awaitBackup();
        Wait.sleep(2500);
        assertTrue(a.holds(vip()) && !b.holds(vip()), () -> "A stays the only MASTER beside B\n" + diag());
        Capture.Advert adv = capture.await(Capture.Advert.class, x -> x.mac().equals(a.mac()) && x.ahSeq() > 0, 2000);
        assertNotNull(adv, () -> "A sends AH adverts\n" + diag());
        assertEquals(b.ipv4(), adv.dst(), adv::line);
        assertFalse(db.log().contains("IPSEC-AH"), () -> "B accepts A's unicast AH adverts\n" + db.logTail(20));
        long kill = FailoverScenarios.nowMicros();
        da.kill();
        awaitHolds(b, 8000, "B takes over after SIGKILL of A");
        Capture.Advert first = capture.await(Capture.Advert.class,
                x -> x.mac().equals(b.mac()) && x.prio() == LOW && x.micros() > kill, 3000);
        assertNotNull(first, () -> "no advert from B\n" + diag());
        assertEquals(a.ipv4(), first.dst(), first::line);
    }

    /**
     * Different passwords: every advert fails the other side's ICV (an auth failure each), so
     * both run as MASTER, as keepalived 2.2.7 does.
     */
    @Test
    void wrongPasswordBothBecomeMasterAndCountAuthFailures() throws Exception {
        Path da = Files.createDirectories(dir.resolve("a"));
        Path db = Files.createDirectories(dir.resolve("b"));
        Daemon ha = start(high(), a, "a", conf("a", HIGH, PASS), da);
        Daemon hb = start(low(), b, "b", conf("b", LOW, "wrongpw1"), db);
        assertTrue(Wait.until(15_000, () -> a.holds(vip()) && b.holds(vip())), () -> "both become MASTER\n" + diag());
        Wait.sleep(2500);
        assertTrue(a.holds(vip()) && b.holds(vip()), () -> "both stay MASTER\n" + diag());
        Map<String, Long> sa = StatsFile.read(ha, da);
        Map<String, Long> sb = StatsFile.read(hb, db);
        System.out.println(getClass().getSimpleName() + " wrong password: A " + sa + "\n  B " + sb);
        for (Map<String, Long> s : List.of(sa, sb)) {
            assertTrue(s.get("Authentication Errors/Failure") >= 1, () -> "auth failures counted: " + s + "\n" + diag());
            assertEquals(0L, s.get("Advertisements/Received"), () -> "nothing accepted: " + s);
            assertEquals(0L, s.get("Authentication Errors/Type Mismatch"), () -> s.toString());
        }
        assertTrue(ha.log().contains("(VI_1) IPSEC-AH : invalid IPSEC HMAC-MD5 value. Due to fields mutation or bad password !")
                || hb.log().contains("(VI_1) IPSEC-AH : invalid IPSEC HMAC-MD5 value. Due to fields mutation or bad password !"),
                () -> "keepalived's log line\n" + diag());
    }

    /**
     * Against A as MASTER: priority-200 AH adverts with a corrupted ICV and with a replayed
     * (already used) sequence number are dropped and counted as auth failures, A stays MASTER; the
     * same advert with a correct ICV and a fresh sequence number makes A step down.
     */
    @Test
    void injectedBadIcvAndReplayAreDroppedAndCounted() throws Exception {
        Daemon da = start(high(), a, "a", conf("a", HIGH, PASS), dir);
        awaitHolds(a, 15_000, "A becomes MASTER");
        Map<String, Long> before = StatsFile.read(da, dir);
        byte[] vip = InetAddress.getByName(vip()).getAddress();
        try (Injector inj = new Injector(b)) {
            byte[] src = inj.source();
            inj.sendIp(ahAdvert(src, 1, 1_000_000, 51, 200, vip, PASS, true), 3);
            Wait.sleep(300);
            // a valid ICV but sequence 1: A's counter is past it (its own adverts count it up)
            inj.sendIp(ahAdvert(src, 2, 1, 51, 200, vip, PASS, false), 2);
            Wait.sleep(500);
            assertTrue(a.holds(vip()), () -> "A still MASTER\n" + diag());
            assertTrue(da.log().indexOf("Entering BACKUP STATE", da.log().indexOf("Entering MASTER STATE")) < 0,
                    () -> "no BACKUP transition\n" + diag());
            Map<String, Long> after = StatsFile.read(da, dir);
            System.out.println(getClass().getSimpleName() + " injected AH: before " + before + "\n  after " + after);
            assertEquals(5L, after.get("Authentication Errors/Failure") - before.get("Authentication Errors/Failure"),
                    () -> "3 bad ICVs and 2 replays: " + after + "\n" + diag());
            assertEquals(before.get("Advertisements/Received"), after.get("Advertisements/Received"));
            assertTrue(da.log().contains("(VI_1) IPSEC-AH : invalid IPSEC HMAC-MD5 value."), () -> da.logTail(20));
            assertTrue(da.log().contains("(VI_1) IPSEC-AH : sequence number 1 already processed. Packet dropped."),
                    () -> da.logTail(20));

            inj.sendIp(ahAdvert(src, 3, 2_000_000, 51, 200, vip, PASS, false), 1);
            assertTrue(Wait.until(3000, () -> !a.holds(vip())),
                    () -> "a well-formed AH advert at priority 200 makes A BACKUP\n" + diag());
        }
    }

    // ---------------------------------------------------------------- helpers

    Conf conf(String name, int priority, String pass) {
        return new Conf(name).version(2).advertInt("1").priority(priority)
                .line("authentication {").line("    auth_type AH").line("    auth_pass " + pass).line("}")
                .vip(vip() + "/24");
    }

    String vip() {
        return segment.prefix4() + "100";
    }

    Daemon start(Impl impl, Segment.Host host, String name, Conf conf, Path in) {
        Daemon d = Daemon.start(impl, host, name, conf.text(), in);
        daemons.add(lab.track(d));
        return d;
    }

    void awaitHolds(Segment.Host h, long millis, String what) {
        assertTrue(Wait.until(millis, () -> h.holds(vip())), () -> what + "\n" + diag());
    }

    /**
     * An IPv4 AH advert as keepalived 2.2.7 sends it (RFC 2402 header, SPI = source, HMAC-MD5-96
     * over the packet with TOS, fragment field and checksum zeroed), built with the JDK's HmacMD5
     * so it shares nothing with the code under test.
     */
    static byte[] ahAdvert(byte[] src, int ipId, long seq, int vrid, int priority, byte[] vip, String pass,
            boolean corruptIcv) throws Exception {
        byte[] vrrp = Injector.withV2Checksum(Injector.v2(vrid, priority, 1, 2, 1, null, vip));
        byte[] p = new byte[20 + 24 + vrrp.length];
        p[0] = 0x45;
        p[2] = (byte) (p.length >>> 8);
        p[3] = (byte) p.length;
        p[4] = (byte) (ipId >>> 8);
        p[5] = (byte) ipId;
        p[8] = (byte) 255;
        p[9] = 51;
        System.arraycopy(src, 0, p, 12, 4);
        p[16] = (byte) 224;
        p[19] = 18;
        p[20] = 112;
        p[21] = 4;
        System.arraycopy(src, 0, p, 24, 4);
        for (int i = 0; i < 4; i++) {
            p[28 + i] = (byte) (seq >>> (24 - 8 * i));
        }
        System.arraycopy(vrrp, 0, p, 44, vrrp.length);
        byte[] key = new byte[8];
        byte[] pw = pass.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(pw, 0, key, 0, Math.min(8, pw.length));
        Mac mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec(key, "HmacMD5"));
        System.arraycopy(mac.doFinal(p), 0, p, 32, 12);
        if (corruptIcv) {
            p[40] ^= 0x5a;
        }
        p[1] = (byte) 0xc0;
        int sum = Injector.checksum(p, 0, 20, 0);
        p[10] = (byte) (sum >>> 8);
        p[11] = (byte) sum;
        return p;
    }

    String diag() {
        StringBuilder s = new StringBuilder("--- addresses\n");
        for (Segment.Host h : List.of(a, b)) {
            s.append(h.name()).append(": ").append(h.addresses()).append('\n');
        }
        for (Daemon d : daemons) {
            s.append("--- ").append(d).append(d.alive() ? " running" : " exited").append('\n').append(d.logTail(25))
                    .append('\n');
        }
        s.append("--- capture\n").append(capture.tail(20));
        return s.toString();
    }
}
