package keepalived.netlink;

import java.net.InetAddress;

/** Run by an unprivileged JVM: tries RTM_NEWADDR on lo and prints the outcome on one line. */
public final class NetlinkProbeMain {
    private NetlinkProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Rtnl rtnl = Rtnl.open()) {
            rtnl.addAddress(Address.of(1, InetAddress.getByName(args[0]), 32));
            System.out.println("OK");
        } catch (NetlinkException e) {
            System.out.println("errno=" + e.errno().name() + " operation=" + e.operation() + " message="
                    + e.getMessage());
        }
    }
}
