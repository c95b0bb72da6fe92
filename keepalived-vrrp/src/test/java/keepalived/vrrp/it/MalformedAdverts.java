package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import keepalived.testing.Cmd;
import keepalived.testing.Prerequisites;

/**
 * Malformed adverts against a running MASTER (VRRPv2, 1 s, PASS auth, priority 100): each one claims
 * priority 200, so accepting any of them would send the target to BACKUP. Each is sent three times:
 * truncated, bad checksum, TTL 254, wrong VRID, wrong version, wrong type, auth type NONE, auth type 7,
 * wrong password, an address count larger than the addresses present. The target must stay MASTER
 * (VIP kept, no BACKUP transition) and count them in keepalived's stats categories (SIGUSR2 →
 * keepalived.stats in the daemon's TMPDIR). A final well-formed priority-200 advert must make it
 * step down, which proves the injector's packets reach it.
 */
abstract class MalformedAdverts {
    private static final String PASS = "secret1";

    abstract Impl impl();

    Path dir;
    Segment segment;
    Capture capture;
    Daemon target;

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        Prerequisites.requireRealKeepalived();
        Prerequisites.require(Cmd.available("tcpdump"), "tcpdump (apt-get install tcpdump)");
        dir = TestDir.fresh(this, info);
        segment = Segment.create(3);
        capture = Capture.start(segment.host(3), dir.resolve("capture.txt"));
    }

    @AfterEach
    void tearDown() {
        if (target != null) {
            target.close();
        }
        if (capture != null) {
            capture.close();
        }
        if (segment != null) {
            segment.close();
        }
    }

    @Test
    void malformedAdvertsAreCountedAndDropped() throws Exception {
        Segment.Host host = segment.host(2);
        String vip = segment.prefix4() + "100";
        Conf conf = new Conf("target").version(2).advertInt("1").priority(100).state("MASTER")
                .line("authentication {").line("    auth_type PASS").line("    auth_pass " + PASS).line("}")
                .vip(vip + "/24");
        target = Daemon.start(impl(), host, "target", conf.text(), dir);
        assertTrue(Wait.until(15_000, () -> host.holds(vip)), () -> "target becomes MASTER\n" + diag());
        Map<String, Long> before = stats();
        int backups = backups();

        byte[] addr = InetAddress.getByName(vip).getAddress();
        List<String> sent = new ArrayList<>();
        try (Injector inj = new Injector(segment.host(1))) {
            byte[] good = Injector.withV2Checksum(Injector.v2(51, 200, 1, 1, 1, PASS, addr));

            byte[] truncated = java.util.Arrays.copyOf(good, 6);
            inj.send(truncated, 255, 3);
            sent.add("truncated to 6 bytes");

            byte[] badSum = good.clone();
            badSum[7] ^= 0x5a;
            inj.send(badSum, 255, 3);
            sent.add("bad checksum");

            inj.send(good, 254, 3);
            sent.add("TTL 254");

            inj.send(Injector.withV2Checksum(Injector.v2(52, 200, 1, 1, 1, PASS, addr)), 255, 3);
            sent.add("VRID 52");

            byte[] v4 = Injector.v2(51, 200, 1, 1, 1, PASS, addr);
            v4[0] = 0x41;
            inj.send(Injector.withV2Checksum(v4), 255, 3);
            sent.add("version 4");

            byte[] type2 = Injector.v2(51, 200, 1, 1, 1, PASS, addr);
            type2[0] = 0x22;
            inj.send(Injector.withV2Checksum(type2), 255, 3);
            sent.add("type 2");

            inj.send(Injector.withV2Checksum(Injector.v2(51, 200, 1, 0, 1, null, addr)), 255, 3);
            sent.add("auth type NONE (PASS configured)");

            inj.send(Injector.withV2Checksum(Injector.v2(51, 200, 1, 7, 1, PASS, addr)), 255, 3);
            sent.add("auth type 7");

            inj.send(Injector.withV2Checksum(Injector.v2(51, 200, 1, 1, 1, "wrong", addr)), 255, 3);
            sent.add("wrong password");

            inj.send(Injector.withV2Checksum(Injector.v2(51, 200, 3, 1, 1, PASS, addr)), 255, 3);
            sent.add("address count 3 with one address");

            // Anything accepted would have moved the target to BACKUP at once; give it a moment.
            Wait.sleep(500);
            assertTrue(host.holds(vip), () -> "target still holds the VIP after " + sent + "\n" + diag());
            assertEquals(backups, backups(), () -> "no BACKUP transition\n" + diag());
            assertTrue(target.alive(), "target still runs");

            Map<String, Long> after = stats();
            Map<String, Long> delta = new LinkedHashMap<>();
            for (var e : after.entrySet()) {
                long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
                if (d != 0 && !e.getKey().equals("Advertisements/Sent")) {
                    delta.put(e.getKey(), d);
                }
            }
            System.out.println(impl().label() + " stats delta after " + sent + ": " + delta);
            Files.writeString(dir.resolve("stats-delta.txt"), delta + "\n");
            // Exactly keepalived 2.2.7's counts (measured with MalformedAdvertsKeepalivedTest): bad
            // checksum, wrong version and wrong VRID are dropped without a counter; nothing else moves.
            Map<String, Long> expected = new LinkedHashMap<>();
            expected.put("Packet Errors/Length", 6L); // truncated + address count
            expected.put("Packet Errors/TTL", 3L);
            expected.put("Packet Errors/Invalid Type", 3L);
            expected.put("Authentication Errors/Invalid Type", 3L);
            expected.put("Authentication Errors/Type Mismatch", 3L);
            expected.put("Authentication Errors/Failure", 3L);
            Map<String, Long> compared = new LinkedHashMap<>(delta);
            for (String k : knownDeviations()) {
                if (compared.remove(k) != null) {
                    System.out.println("KNOWN DEVIATION from keepalived 2.2.7 in " + impl().label() + ": " + k + " moved by "
                            + delta.get(k));
                }
            }
            assertEquals(expected, compared, () -> "stats delta after " + sent + "\n" + diag());

            // Control: the same advert well formed makes the target step down.
            inj.send(good, 255, 1);
            assertTrue(Wait.until(3000, () -> backups() > backups && !host.holds(vip)),
                    () -> "a well-formed priority-200 advert makes the target BACKUP\n" + diag());
        }
    }

    /**
     * Stats keys where the implementation is known to differ from keepalived 2.2.7 (reported, to be
     * fixed); they are printed instead of compared.
     */
    java.util.Set<String> knownDeviations() {
        return java.util.Set.of();
    }

    /** SIGUSR2, then keepalived.stats (from the daemon's TMPDIR) as "Section/Key" → value. */
    Map<String, Long> stats() throws IOException {
        return StatsFile.read(target, dir);
    }

    /** How often the target logged entering BACKUP so far. */
    int backups() {
        String log = target.log();
        int n = 0;
        for (int i = log.indexOf("Entering BACKUP STATE"); i >= 0; i = log.indexOf("Entering BACKUP STATE", i + 1)) {
            n++;
        }
        return n;
    }

    String diag() {
        return "--- " + target + (target.alive() ? " running" : " exited") + "\n" + target.logTail(30)
                + "\n--- capture\n" + capture.tail(30);
    }
}
