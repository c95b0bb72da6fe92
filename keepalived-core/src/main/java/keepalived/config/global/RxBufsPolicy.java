package keepalived.config.global;

/** {@code vrrp_rx_bufs_policy MTU|ADVERT|SIZE}: how VRRP sockets' receive buffers are sized. */
public record RxBufsPolicy(Kind kind, long size) {

    /** MTU and ADVERT scale by vrrp_rx_bufs_multiplier; SIZE is a fixed byte count. */
    public enum Kind { MTU, ADVERT, SIZE }
}
