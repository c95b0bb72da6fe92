package keepalived.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The preprocessed lines of a configuration, appended by the reader while the parse passes
 * already read them: a big file is read and parsed at the same time. One writer; any number of
 * readers, which wait only when they catch up with the writer.
 */
public final class LineBuffer {
    private static final int CHUNK_BITS = 12;
    private static final int CHUNK = 1 << CHUNK_BITS;
    /** Lines are made visible to readers in batches, so waking them stays rare. */
    private static final int PUBLISH_EVERY = 1024;

    private volatile ConfigLine[][] chunks = new ConfigLine[16][];
    private volatile int published;
    private volatile boolean finished;
    private int count;

    /** A finished buffer holding {@code lines}. */
    public static LineBuffer of(List<ConfigLine> lines) {
        LineBuffer b = new LineBuffer();
        lines.forEach(b::add);
        b.finish();
        return b;
    }

    /** Writer: appends a line. */
    void add(ConfigLine line) {
        int chunk = count >>> CHUNK_BITS;
        ConfigLine[][] cs = chunks;
        if (chunk == cs.length) {
            cs = java.util.Arrays.copyOf(cs, cs.length * 2);
            chunks = cs;
        }
        if (cs[chunk] == null) {
            cs[chunk] = new ConfigLine[CHUNK];
        }
        cs[chunk][count & (CHUNK - 1)] = line;
        count++;
        if (count % PUBLISH_EVERY == 0) {
            publish(false);
        }
    }

    /** Writer: no more lines will come (always called, also when reading failed). */
    void finish() {
        publish(true);
    }

    private synchronized void publish(boolean last) {
        published = count;
        if (last) {
            finished = true;
        }
        notifyAll();
    }

    /** True when line {@code i} exists, waiting for the writer if it may still come. */
    public boolean has(int i) {
        if (i < published) {
            return true;
        }
        synchronized (this) {
            while (i >= published && !finished) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading the configuration", e);
                }
            }
            return i < published;
        }
    }

    /** Line {@code i}; only after {@link #has(int)} said it exists. */
    public ConfigLine get(int i) {
        return chunks[i >>> CHUNK_BITS][i & (CHUNK - 1)];
    }

    /** The last line, or null when there is none (waits for the writer to finish). */
    public ConfigLine last() {
        has(Integer.MAX_VALUE);
        return published == 0 ? null : get(published - 1);
    }

    /** Every line (waits for the writer to finish). */
    public List<ConfigLine> toList() {
        has(Integer.MAX_VALUE);
        List<ConfigLine> out = new ArrayList<>(published);
        for (int i = 0; i < published; i++) {
            out.add(get(i));
        }
        return out;
    }
}
