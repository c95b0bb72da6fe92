package keepalived.config.global;

/** {@code lvs_timeouts}: IPVS connection timeouts in seconds; null leaves the kernel's value. */
public record LvsTimeouts(Integer tcp, Integer tcpFin, Integer udp) {
}
