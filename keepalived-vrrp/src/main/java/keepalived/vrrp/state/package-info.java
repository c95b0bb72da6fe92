/**
 * The VRRP state machine: {@link keepalived.vrrp.state.VrrpInstance} over a
 * {@link keepalived.loop.TimerQueue} and a {@link keepalived.loop.NanoClock}, with all effects through
 * {@link keepalived.vrrp.state.VrrpIo}; {@link keepalived.vrrp.state.InstanceConfig} is the typed view of a
 * {@code vrrp_instance} block with the global_defs defaults applied; {@link keepalived.vrrp.state.SyncGroup}
 * ties instances together.
 *
 * <p>Contract for the runtime: call {@link keepalived.vrrp.state.VrrpInstance#localAddress} before
 * {@code start()}; {@code start()} calls {@code setVips(false)} once (stale VIP removal) unless the
 * instance starts in FAULT; {@code sendGratuitous} is called once per GARP round (repeats are separate
 * calls, to be spaced by garp_interval by the runtime); {@code stop()} reports no state change (the
 * runtime runs notify_stop / FIFO STOP).
 */
package keepalived.vrrp.state;
