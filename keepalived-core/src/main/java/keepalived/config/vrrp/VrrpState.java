package keepalived.config.vrrp;

/** The initial state a vrrp_instance asks for ({@code state MASTER|BACKUP}). */
public enum VrrpState {
    MASTER,
    BACKUP
}
