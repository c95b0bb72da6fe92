package keepalived.config.vrrp;

import keepalived.config.Origin;

/**
 * One entry of a {@code track_interface/track_script/track_file/track_process/track_bfd} block:
 * {@code NAME [weight N] [reverse|noreverse]}. The origin lets the cross-reference check name
 * the entry's line ({@code track script X not found}).
 *
 * @param weight null when not given (the tracked object's own weight applies)
 * @param parsedAt parse-order stamp: keepalived only finds objects defined before the reference
 */
public record TrackRef(String name, Integer weight, boolean reverse, Origin origin, long parsedAt) {

    public TrackRef(String name, Integer weight, boolean reverse, Origin origin) {
        this(name, weight, reverse, origin, ParseOrder.next());
    }

    @Override
    public String toString() {
        return name + (weight == null ? "" : " weight " + weight) + (reverse ? " reverse" : "");
    }
}
