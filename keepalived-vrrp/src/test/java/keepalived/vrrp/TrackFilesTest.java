package keepalived.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import keepalived.vrrp.state.InstanceConfig;
import keepalived.vrrp.state.TrackKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The value of a track_file, read as keepalived's strtol(buf, NULL, 0), and the FAULT rule. */
class TrackFilesTest {
    @TempDir
    Path dir;

    @Test
    void parsesLikeStrtolWithBaseZero() {
        assertEquals(5, TrackFiles.parse("5\n"));
        assertEquals(-12, TrackFiles.parse("  -12 trailing"));
        assertEquals(16, TrackFiles.parse("0x10"));
        assertEquals(8, TrackFiles.parse("010"));
        assertEquals(0, TrackFiles.parse(""));
        assertEquals(0, TrackFiles.parse("abc"));
        assertEquals(Integer.MAX_VALUE, TrackFiles.parse("99999999999999"));
    }

    @Test
    void missingFileReadsAsZero() throws Exception {
        assertEquals(0, TrackFiles.read(dir.resolve("absent")));
        Path f = dir.resolve("v");
        Files.writeString(f, "42\n");
        assertEquals(42, TrackFiles.read(f));
    }

    @Test
    void weightZeroFaultsOnNonZeroOtherwiseBelowMinus253() {
        InstanceConfig.Track zero = new InstanceConfig.Track(TrackKind.FILE, "tf", 0, false);
        assertTrue(TrackFiles.faults(zero, 1));
        assertTrue(TrackFiles.faults(zero, -1));
        assertFalse(TrackFiles.faults(zero, 0));
        InstanceConfig.Track one = new InstanceConfig.Track(TrackKind.FILE, "tf", 1, false);
        assertFalse(TrackFiles.faults(one, -253));
        assertTrue(TrackFiles.faults(one, -254));
        InstanceConfig.Track rev = new InstanceConfig.Track(TrackKind.FILE, "tf", 2, true);
        assertTrue(TrackFiles.faults(rev, 127));
        assertFalse(TrackFiles.faults(rev, 126));
    }
}
