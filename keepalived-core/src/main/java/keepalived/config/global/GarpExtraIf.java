package keepalived.config.global;

/**
 * {@code vrrp_garp_extra_if [all] SECS}: periodic GARP/NA on the VIPs' other interfaces (only
 * VMAC interfaces unless {@code all}).
 */
public record GarpExtraIf(long intervalMicros, boolean allInterfaces) {
}
