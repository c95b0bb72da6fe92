package keepalived.vrrp.dump;

import java.net.InetAddress;
import java.util.List;
import java.util.function.Predicate;

import keepalived.config.Block;
import keepalived.config.KeepalivedConfig;
import keepalived.netlink.Address;
import keepalived.netlink.Link;
import keepalived.vrrp.state.InstanceConfig;
import keepalived.vrrp.state.VrrpInstance;

/**
 * What the VRRP dumps read from the running daemon, gathered on its loop thread at signal time
 * (the dump writers themselves hold no daemon state).
 *
 * @param scriptGood whether a vrrp_script is currently GOOD
 * @param links      the namespace's interfaces, as rtnetlink lists them
 * @param addresses  their addresses (both families)
 */
public record VrrpView(KeepalivedConfig config, List<Instance> instances, List<Socket> sockets,
        Predicate<String> scriptGood, List<Link> links, List<Address> addresses) {

    /**
     * One running instance.
     *
     * @param block     its vrrp_instance block (for keywords the state machine does not keep)
     * @param vmac      the VMAC interface name, null without use_vmac
     * @param source    the advert source address in use
     * @param smtpAlert the resolved smtp_alert of the instance
     */
    public record Instance(Block block, InstanceConfig config, VrrpInstance instance, String vmac, Socket socket,
            byte[] source, boolean smtpAlert) {
    }

    /** One advert socket: keepalived's sockpool entry (we use one fd for both directions). */
    public record Socket(int fd, String ifname, boolean ipv6, InetAddress unicastSource, boolean ah) {
    }
}
