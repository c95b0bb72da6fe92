package keepalived.config.vrrp;

import keepalived.config.Key;

/**
 * keepalived resolves {@code track_script} (and track_file / track_process) names while
 * parsing, so a script defined after the instance that tracks it is "not found". The position
 * of a line in the preprocessed input ({@link keepalived.config.Args#position()}) is the same
 * in every parse pass, so comparing positions reproduces that after the fact.
 */
final class ParseOrder {

    /** Where a named top-level block (vrrp_script, track_file, vrrp_track_process) starts. */
    static final Key<Long> DEFINED = Key.of("parse_order", Long.MAX_VALUE);

    private ParseOrder() {
    }
}
