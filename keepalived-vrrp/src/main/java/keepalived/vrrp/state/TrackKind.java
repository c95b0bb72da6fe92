package keepalived.vrrp.state;

/** What a {@code track_*} entry of an instance or sync group refers to. */
public enum TrackKind {
    INTERFACE,
    SCRIPT,
    FILE,
    PROCESS,
    BFD
}
