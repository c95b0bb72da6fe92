package keepalived.config.vrrp;

/** VRRPv2 authentication ({@code auth_type PASS|AH}). */
public enum AuthType {
    PASS,
    AH
}
