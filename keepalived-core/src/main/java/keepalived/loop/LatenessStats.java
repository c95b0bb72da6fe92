package keepalived.loop;

import java.util.Arrays;

/**
 * How late timers fired (or any other duration, such as a loop cycle's work): count, sum, max
 * and a fixed log-linear histogram for percentiles, recorded without allocating (one array made
 * up front), so it can stay on in production.
 *
 * <p>Buckets are exact below 64 ns, then 32 per power of two: a percentile is reported as the
 * upper bound of its bucket, at most about 3% above the true value (never above the max).
 *
 * <p>Not thread-safe: the loop thread records; read it on that thread (or copy it there with
 * {@link #copyInto}) and hand the copy to whoever reports it.
 */
public final class LatenessStats {
    private static final int SUB_BITS = 5;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;
    private static final int LINEAR = SUB_BUCKETS * 2;
    private static final int BUCKETS = LINEAR + (62 - SUB_BITS) * SUB_BUCKETS;

    private final long[] buckets = new long[BUCKETS];
    private long count;
    private long sumNs;
    private long maxNs;

    /** Records one lateness; a negative value (fired early) counts as 0. */
    public void record(long latenessNs) {
        long v = Math.max(0, latenessNs);
        buckets[bucketOf(v)]++;
        count++;
        sumNs += v;
        if (v > maxNs) {
            maxNs = v;
        }
    }

    public long count() {
        return count;
    }

    public long maxNs() {
        return maxNs;
    }

    public long meanNs() {
        return count == 0 ? 0 : sumNs / count;
    }

    /**
     * The lateness that a fraction {@code q} (0 &lt; q &lt;= 1) of firings did not exceed, e.g.
     * 0.5, 0.99, 0.999; 0 when nothing was recorded.
     */
    public long percentileNs(double q) {
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("percentile must be in (0, 1]: " + q);
        }
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                return Math.min(upperBound(i), maxNs);
            }
        }
        return maxNs;
    }

    public void reset() {
        Arrays.fill(buckets, 0);
        count = 0;
        sumNs = 0;
        maxNs = 0;
    }

    /** Copies everything into {@code target}, e.g. on the loop thread for a reader elsewhere. */
    public void copyInto(LatenessStats target) {
        System.arraycopy(buckets, 0, target.buckets, 0, BUCKETS);
        target.count = count;
        target.sumNs = sumNs;
        target.maxNs = maxNs;
    }

    /** One line in microseconds, for logs and benchmarks. */
    @Override
    public String toString() {
        return String.format("count=%d mean=%.1fus p50=%.1fus p99=%.1fus p99.9=%.1fus max=%.1fus",
                count, meanNs() / 1e3, percentileNs(0.5) / 1e3, percentileNs(0.99) / 1e3,
                percentileNs(0.999) / 1e3, maxNs / 1e3);
    }

    static int bucketOf(long v) {
        if (v < LINEAR) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v);
        int sub = (int) (v >>> (exp - SUB_BITS)) & (SUB_BUCKETS - 1);
        return LINEAR + (exp - SUB_BITS - 1) * SUB_BUCKETS + sub;
    }

    static long upperBound(int bucket) {
        if (bucket < LINEAR) {
            return bucket;
        }
        int exp = (bucket - LINEAR) / SUB_BUCKETS + SUB_BITS + 1;
        int sub = (bucket - LINEAR) % SUB_BUCKETS;
        long lower = (long) (SUB_BUCKETS + sub) << (exp - SUB_BITS);
        long width = 1L << (exp - SUB_BITS);
        return lower + (width - 1);
    }
}
