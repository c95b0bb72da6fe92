package keepalived.vrrp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import keepalived.config.Block;
import keepalived.config.vrrp.TrackFileKeywords;
import keepalived.loop.EventLoop;
import keepalived.loop.Timer;
import keepalived.vrrp.state.InstanceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code track_file} blocks the instances track: the file holds an integer (read as
 * strtol(3) with base 0 would: leading blanks, sign, 0x hex; a missing, empty or non-numeric file
 * reads as 0) which each instance multiplies by its weight. {@code init_file [VALUE] [overwrite]}
 * writes the file at start when it is absent (or always with overwrite).
 *
 * <p>keepalived watches the files with inotify; we poll them on the loop every advert interval
 * (the shortest of the instances, 0.1 s to 1 s), so a change is seen within one interval.
 */
final class TrackFiles {
    private static final Logger LOG = LoggerFactory.getLogger("keepalived.vrrp.track");

    /** A value changed: {@code (name, before, after)}, on the loop thread. */
    @FunctionalInterface
    interface Listener {
        void changed(String name, long before, long after);
    }

    private final EventLoop loop;
    private final Listener listener;
    private final Map<String, File> files = new LinkedHashMap<>();
    private Timer poll;

    private static final class File {
        final String name;
        final Path path;
        final int weight;
        final boolean reverse;
        long value;
        boolean used;

        File(Block b) {
            name = b.name();
            path = Path.of(b.get(TrackFileKeywords.FILE));
            weight = b.get(TrackFileKeywords.WEIGHT);
            reverse = b.get(TrackFileKeywords.WEIGHT_REVERSE);
        }
    }

    TrackFiles(EventLoop loop, List<Block> blocks, Listener listener) {
        this(loop, blocks, listener, java.util.Set.of());
    }

    /**
     * @param known files tracked before a reload: their init_file is not written again (the
     *              file holds the live value an operator or script set)
     */
    TrackFiles(EventLoop loop, List<Block> blocks, Listener listener, java.util.Set<String> known) {
        this.loop = loop;
        this.listener = listener;
        for (Block b : blocks) {
            if (b.get(TrackFileKeywords.FILE) == null) {
                continue;
            }
            File f = new File(b);
            Long init = b.get(TrackFileKeywords.INIT_VALUE);
            if (init != null && !known.contains(f.name)
                    && (b.get(TrackFileKeywords.INIT_OVERWRITE) || !Files.exists(f.path))) {
                try {
                    Files.writeString(f.path, init + "\n", StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    LOG.warn("Unable to initialise track file {}: {}", f.path, e.getMessage());
                }
            }
            f.value = read(f.path);
            files.put(f.name, f);
        }
    }

    /** The tracker with the file's own weight / reverse when the track_file line gave none. */
    InstanceConfig.Track resolve(InstanceConfig.Track t) {
        if (t.weight() != null) {
            return t;
        }
        File f = files.get(t.name());
        return f == null ? new InstanceConfig.Track(t.kind(), t.name(), 0, t.reverse())
                : new InstanceConfig.Track(t.kind(), t.name(), f.weight, f.reverse != t.reverse());
    }

    /** The value last read (0 for an unknown name). */
    long value(String name) {
        File f = files.get(name);
        return f == null ? 0 : f.value;
    }

    /** Whether {@code value} puts an instance tracking with {@code t} in FAULT (weight 0: non-zero; else below -253). */
    /** What 2.2.7 logs as the file's status: value × weight, −254 for a non-zero value at weight 0. */
    static long status(InstanceConfig.Track t, long value) {
        int w = t.weight() == null ? 0 : t.weight();
        if (w == 0) {
            return value != 0 ? -254 : 0;
        }
        return (t.reverse() ? -value : value) * w;
    }

    static boolean faults(InstanceConfig.Track t, long value) {
        int w = t.weight() == null ? 0 : t.weight();
        if (w == 0) {
            return value != 0;
        }
        return (t.reverse() ? -value : value) * w < -253;
    }

    /** Polls the files in {@code used} every {@code periodNs} (loop thread). */
    void start(List<String> used, long periodNs) {
        boolean any = false;
        for (String n : used) {
            File f = files.get(n);
            if (f != null) {
                f.used = true;
                any = true;
            }
        }
        if (any) {
            poll = loop.newTimer((timer, now) -> pollAll());
            poll.schedulePeriodic(loop.nowNs() + periodNs, periodNs);
        }
    }

    /** The names of the track_file blocks. */
    java.util.Set<String> names() {
        return java.util.Set.copyOf(files.keySet());
    }

    void stop() {
        if (poll != null) {
            poll.cancel();
        }
    }

    private void pollAll() {
        for (File f : files.values()) {
            if (!f.used) {
                continue;
            }
            long v = read(f.path);
            if (v != f.value) {
                long before = f.value;
                f.value = v;
                LOG.debug("Track file {} value {} -> {}", f.name, before, v);
                listener.changed(f.name, before, v);
            }
        }
    }

    /** The integer at the start of the file, as strtol(s, NULL, 0); 0 when absent or unreadable. */
    static long read(Path path) {
        byte[] buf = new byte[127];
        int len;
        try (InputStream in = Files.newInputStream(path)) {
            len = in.readNBytes(buf, 0, buf.length);
        } catch (IOException e) {
            return 0;
        }
        return parse(new String(buf, 0, len, StandardCharsets.US_ASCII));
    }

    static long parse(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && i + 2 < n && Character.digit(s.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (i < n && s.charAt(i) == '0') {
            radix = 8;
        }
        long v = 0;
        while (i < n) {
            int d = Character.digit(s.charAt(i), radix);
            if (d < 0) {
                break;
            }
            v = v * radix + d;
            if (v > Integer.MAX_VALUE + 1L) {
                // keepalived ignores out-of-range numbers; keep the old value by saturating
                v = Integer.MAX_VALUE + 1L;
            }
            i++;
        }
        v = neg ? -v : v;
        return Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }
}
