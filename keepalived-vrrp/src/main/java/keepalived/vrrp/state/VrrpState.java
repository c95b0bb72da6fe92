package keepalived.vrrp.state;

/** Run-time state of a VRRP instance, numbered as keepalived's JSON dump numbers them. */
public enum VrrpState {
    INIT(0),
    BACKUP(1),
    MASTER(2),
    FAULT(3);

    private final int code;

    VrrpState(int code) {
        this.code = code;
    }

    /** keepalived's number for the state (JSON {@code state}/{@code wantstate}). */
    public int code() {
        return code;
    }
}
