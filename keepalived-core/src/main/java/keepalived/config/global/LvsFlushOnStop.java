package keepalived.config.global;

/** What the checker removes from IPVS at shutdown ({@code lvs_flush_on_stop [VS]}). */
public enum LvsFlushOnStop {
    /** Default: each virtual and real server one by one. */
    NONE,
    /** Flush the whole IPVS table at once. */
    ALL,
    /** Remove each keepalived virtual server, letting the kernel drop its real servers. */
    VS
}
