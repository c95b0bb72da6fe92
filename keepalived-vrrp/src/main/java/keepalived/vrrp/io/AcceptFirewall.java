package keepalived.vrrp.io;

import static keepalived.nft.Nft.*;

import java.io.IOException;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jnr.constants.platform.Errno;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import keepalived.config.net.IpAddress;
import keepalived.netlink.NetlinkException;
import keepalived.netlink.NetlinkSocket;
import keepalived.nft.NftBatch;
import keepalived.vrrp.state.InstanceConfig;

/**
 * Accept mode off ({@code no_accept}, strict mode): while such an instance is MASTER its VIPs are
 * in the nftables sets of {@link AcceptRuleset}, so the host neither answers nor sends from them.
 * As keepalived does, a family's table is created with the first VIP that needs it, elements
 * come and go with MASTER, and {@link #close} deletes the tables. Loop thread only.
 */
public final class AcceptFirewall implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptFirewall.class);

    private final AcceptRuleset ruleset;
    private final VipManager.Interfaces interfaces;
    private NetlinkSocket socket;
    private boolean ipv4;
    private boolean ipv6;
    private int nextSetId = 1;
    /** Per instance: the keys installed, by family and set. */
    private final Map<String, List<Element>> installed = new HashMap<>();

    private record Element(int family, String set, byte[] key) {
    }

    public AcceptFirewall(AcceptRuleset ruleset, VipManager.Interfaces interfaces) {
        this.ruleset = ruleset;
        this.interfaces = interfaces;
    }

    /** Accept mode off and not the address owner (keepalived never blocks an owner's addresses). */
    public static boolean applies(InstanceConfig ic) {
        return !ic.accept() && ic.basePriority() != 255;
    }

    /** Drops traffic to and from {@code addresses} (an instance entering MASTER). */
    public void block(String instance, List<IpAddress> addresses, String defaultDev) {
        if (installed.containsKey(instance)) {
            return;
        }
        List<Element> elements = new ArrayList<>();
        for (IpAddress ip : addresses) {
            boolean v6 = ip.address() instanceof Inet6Address;
            String dev = ip.dev() != null ? ip.dev() : defaultDev;
            elements.add(new Element(v6 ? NFPROTO_IPV6 : NFPROTO_IPV4, AcceptRuleset.setOf(ip.address()),
                    AcceptRuleset.key(ip.address(), dev == null ? 0 : interfaces.index(dev))));
        }
        LOG.info("({}) setting firewall drop rule", instance);
        NftBatch b = new NftBatch();
        try {
            open();
            create(b, elements);
            changeElements(b, elements, true);
            send("add " + instance, b);
            installed.put(instance, elements);
        } catch (IOException e) {
            LOG.warn("({}) unable to set the firewall drop rule: {}", instance, e.getMessage());
        }
    }

    /** Lifts {@link #block} (an instance leaving MASTER); nothing if it was not blocked. */
    public void unblock(String instance) {
        List<Element> elements = installed.remove(instance);
        LOG.info("({}) removing firewall drop rule", instance);
        if (elements == null) {
            return;
        }
        NftBatch b = new NftBatch();
        changeElements(b, elements, false);
        try {
            send("remove " + instance, b);
        } catch (IOException e) {
            LOG.warn("({}) unable to remove the firewall drop rule: {}", instance, e.getMessage());
        }
    }

    /** Deletes the tables this daemon created (keepalived's state after a stop: no table left). */
    @Override
    public void close() {
        if (socket == null) {
            return;
        }
        NftBatch b = new NftBatch();
        if (ipv4) {
            b.delTable(NFPROTO_IPV4, ruleset.table());
        }
        if (ipv6) {
            b.delTable(NFPROTO_IPV6, ruleset.table());
        }
        try {
            send("delete tables", b);
        } catch (IOException e) {
            LOG.warn("unable to delete nftables table {}: {}", ruleset.table(), e.getMessage());
        }
        ipv4 = ipv6 = false;
        installed.clear();
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("nftables socket close: {}", e.getMessage());
        }
        socket = null;
    }

    /** First use: the socket, and a leftover table of a crashed run removed (its rules would double). */
    private void open() throws IOException {
        if (socket != null) {
            return;
        }
        socket = NetlinkSocket.open(NETLINK_NETFILTER);
        for (int family : new int[] {NFPROTO_IPV4, NFPROTO_IPV6}) {
            try {
                send("delete leftover table", new NftBatch().delTable(family, ruleset.table()));
            } catch (NetlinkException e) {
                if (e.errno() != Errno.ENOENT) {
                    throw e;
                }
            }
        }
    }

    private void create(NftBatch b, List<Element> elements) {
        boolean want4 = elements.stream().anyMatch(e -> e.family == NFPROTO_IPV4);
        boolean want6 = elements.stream().anyMatch(e -> e.family == NFPROTO_IPV6);
        if (want4 && !ipv4) {
            ruleset.createIpv4(b, nextSetId++);
            ipv4 = true;
        }
        if (want6 && !ipv6) {
            ruleset.createIpv6(b, nextSetId);
            nextSetId += 3;
            ipv6 = true;
        }
    }

    /** One message per family and set, in keepalived's order: vips, then vips_link_local. */
    private void changeElements(NftBatch b, List<Element> elements, boolean add) {
        for (int family : new int[] {NFPROTO_IPV4, NFPROTO_IPV6}) {
            for (String set : new String[] {AcceptRuleset.VIPS, AcceptRuleset.VIPS_LINK_LOCAL}) {
                List<byte[]> keys = new ArrayList<>();
                for (Element e : elements) {
                    if (e.family == family && e.set.equals(set)) {
                        keys.add(e.key);
                    }
                }
                if (keys.isEmpty()) {
                    continue;
                }
                if (add) {
                    b.newSetElements(family, ruleset.table(), set, 0, true, keys);
                } else {
                    b.delSetElements(family, ruleset.table(), set, keys);
                }
            }
        }
    }

    private void send(String what, NftBatch b) throws IOException {
        if (!b.isEmpty()) {
            socket.requestBatch("nftables " + what, b.messages());
        }
    }
}
