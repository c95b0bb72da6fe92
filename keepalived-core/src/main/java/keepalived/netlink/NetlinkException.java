package keepalived.netlink;

import keepalived.sys.NativeException;

/**
 * The kernel refused a netlink request: NLMSG_ERROR with a negative errno. Names the operation
 * ({@code RTM_NEWADDR 10.250.0.1/24 dev 3}) and the errno ({@code EEXIST (File exists)}), plus the
 * kernel's extended-ack text when it sent one, so logs say what failed and why.
 */
public class NetlinkException extends NativeException {
    private static final long serialVersionUID = 1L;

    private final String kernelMessage;

    public NetlinkException(String operation, int errno, String kernelMessage) {
        super(operation, errno);
        this.kernelMessage = kernelMessage;
    }

    /** The operation as given to the socket (same as {@link #call()}). */
    public String operation() {
        return call();
    }

    /** NLMSGERR_ATTR_MSG from the extended ack, or null. */
    public String kernelMessage() {
        return kernelMessage;
    }

    @Override
    public String getMessage() {
        return kernelMessage == null ? super.getMessage() : super.getMessage() + ": " + kernelMessage;
    }
}
