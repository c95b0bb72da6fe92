package keepalived.vrrp.state;

/**
 * What the state machine asks of the outside world (sockets, netlink, scripts). The state
 * machine never touches the network itself, so tests drive it with a recording implementation
 * (the shape of seesaw's ha engine over its I/O interface).
 *
 * <p>All calls arrive on the instance's event-loop thread, synchronously from
 * {@link VrrpInstance} methods or its timers.
 */
public interface VrrpIo {
    /** Send one advertisement for {@code instance} with {@code priority} (0 = "I am leaving"). */
    void sendAdvert(VrrpInstance instance, int priority);

    /** Install ({@code true}) or remove the instance's VIPs, eVIPs, virtual routes and rules. */
    void setVips(VrrpInstance instance, boolean installed);

    /** Send one round of gratuitous ARP / unsolicited NA for every VIP and eVIP of the instance. */
    void sendGratuitous(VrrpInstance instance);

    /**
     * A transition begins, before its advert, VIP and GARP side effects: keepalived logs
     * {@code Entering X STATE} at this point ({@code from} is {@link VrrpState#INIT} at start-up).
     */
    default void stateChanging(VrrpInstance instance, VrrpState from, VrrpState to) {
    }

    /**
     * The instance changed state, its side effects done (VIPs are in place when a MASTER's
     * notify runs). Notify scripts and FIFO lines belong here.
     */
    void stateChanged(VrrpInstance instance, VrrpState from, VrrpState to, int priority);

    /** A MASTER heard a lower-priority advert (notify_master_rx_lower_pri, FIFO MASTER_RX_LOWER_PRI). */
    default void masterRxLowerPriority(VrrpInstance instance, int advertPriority) {
    }

    /** The effective priority changed ({@code Changing effective priority from A to B}). */
    default void priorityChanged(VrrpInstance instance, int from, int to) {
    }

    /** A sync group changed state (group notify scripts, FIFO {@code GROUP "G" MASTER 0}). */
    default void groupStateChanged(SyncGroup group, VrrpState from, VrrpState to) {
    }
}
