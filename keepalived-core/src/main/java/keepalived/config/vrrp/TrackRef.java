package keepalived.config.vrrp;

import keepalived.config.Origin;

/**
 * One entry of a {@code track_interface/track_script/track_file/track_process/track_bfd} block:
 * {@code NAME [weight N] [reverse|noreverse]}. The origin lets the cross-reference check name
 * the entry's line ({@code track script X not found}).
 *
 * @param weight null when not given (the tracked object's own weight applies)
 * @param parsedAt position of the entry's line (keepalived only finds objects defined before
 *                 the reference; see {@link ParseOrder})
 */
public record TrackRef(String name, Integer weight, boolean reverse, Origin origin, long parsedAt) {

    @Override
    public String toString() {
        return name + (weight == null ? "" : " weight " + weight) + (reverse ? " reverse" : "");
    }
}
