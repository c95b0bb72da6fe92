package keepalived.netlink;

import static keepalived.netlink.Netlink.*;
import static keepalived.netlink.Rtnetlink.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jnr.constants.platform.Errno;

/**
 * Typed rtnetlink operations over one request socket: links, addresses, routes and rules.
 * Every failure is a {@link NetlinkException} naming the operation and errno. Not thread-safe.
 */
public final class Rtnl implements AutoCloseable {
    private static final int CREATE = NLM_F_CREATE | NLM_F_EXCL;

    private final NetlinkSocket socket;
    private final MessageBuilder b = new MessageBuilder(4096);

    private Rtnl(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Opens a NETLINK_ROUTE request socket in the calling thread's network namespace. */
    public static Rtnl open() throws IOException {
        return new Rtnl(NetlinkSocket.open(NETLINK_ROUTE));
    }

    public NetlinkSocket socket() {
        return socket;
    }

    // ---- links

    public List<Link> links() throws IOException {
        Link.header(b.begin(RTM_GETLINK, 0), 0, 0, 0);
        return decodeAll(socket.dump("RTM_GETLINK dump", b), Link::decode);
    }

    public Optional<Link> link(int index) throws IOException {
        Link.header(b.begin(RTM_GETLINK, 0), index, 0, 0);
        return single("RTM_GETLINK index " + index);
    }

    public Optional<Link> link(String name) throws IOException {
        Link.header(b.begin(RTM_GETLINK, 0), 0, 0, 0).attrString(IfLink.IFLA_IFNAME, name);
        return single("RTM_GETLINK " + name);
    }

    private Optional<Link> single(String op) throws IOException {
        try {
            List<Message> r = socket.query(op, b);
            return r.isEmpty() ? Optional.empty() : Optional.of(Link.decode(r.get(0)));
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) { // no such interface
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Sets IFF_UP on or off (ip link set dev X up|down). */
    public void setLinkUp(int index, boolean up) throws IOException {
        Link.header(b.begin(RTM_NEWLINK, 0), index, up ? IfLink.IFF_UP : 0, IfLink.IFF_UP);
        socket.request("RTM_NEWLINK index " + index + (up ? " up" : " down"), b);
    }

    /** Creates a macvlan (e.g. a VRRP VMAC) on {@code parentIndex}; returns the new link. */
    public Link addMacvlan(String name, int parentIndex, byte[] mac, int mode) throws IOException {
        Link.encodeMacvlan(b.begin(RTM_NEWLINK, CREATE), name, parentIndex, mac, mode);
        socket.request("RTM_NEWLINK macvlan " + name + " link " + parentIndex, b);
        return link(name).orElseThrow(() -> new IOException("macvlan " + name + " vanished after creation"));
    }

    public void deleteLink(int index) throws IOException {
        Link.header(b.begin(RTM_DELLINK, 0), index, 0, 0);
        socket.request("RTM_DELLINK index " + index, b);
    }

    // ---- addresses

    public void addAddress(Address a) throws IOException {
        socket.request("RTM_NEWADDR " + a, a.encode(b.begin(RTM_NEWADDR, CREATE)));
    }

    /** Adds or updates (NLM_F_REPLACE), e.g. to refresh lifetimes. */
    public void replaceAddress(Address a) throws IOException {
        socket.request("RTM_NEWADDR replace " + a, a.encode(b.begin(RTM_NEWADDR, NLM_F_CREATE | NLM_F_REPLACE)));
    }

    public void deleteAddress(Address a) throws IOException {
        socket.request("RTM_DELADDR " + a, a.encode(b.begin(RTM_DELADDR, 0)));
    }

    /** All addresses of a family (AF_INET, AF_INET6, or AF_UNSPEC for both). */
    public List<Address> addresses(int family) throws IOException {
        b.begin(RTM_GETADDR, 0).u8(family).u8(0).u8(0).u8(0).u32(0);
        return decodeAll(socket.dump("RTM_GETADDR dump", b), Address::decode);
    }

    // ---- routes

    public void addRoute(Route r) throws IOException {
        socket.request("RTM_NEWROUTE " + r, r.encode(b.begin(RTM_NEWROUTE, CREATE), false));
    }

    public void replaceRoute(Route r) throws IOException {
        socket.request("RTM_NEWROUTE replace " + r, r.encode(b.begin(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_REPLACE),
                false));
    }

    public void deleteRoute(Route r) throws IOException {
        socket.request("RTM_DELROUTE " + r, r.encode(b.begin(RTM_DELROUTE, 0), true));
    }

    /** Routes of a family from every table (cloned/cache entries excluded). */
    public List<Route> routes(int family) throws IOException {
        b.begin(RTM_GETROUTE, 0).u8(family).u8(0).u8(0).u8(0).u8(0).u8(0).u8(0).u8(0).u32(0);
        List<Route> out = new ArrayList<>();
        for (Route r : decodeAll(socket.dump("RTM_GETROUTE dump", b), Route::decode)) {
            if ((r.flags() & RTM_F_CLONED) == 0) {
                out.add(r);
            }
        }
        return out;
    }

    // ---- rules

    public void addRule(Rule r) throws IOException {
        socket.request("RTM_NEWRULE " + r, r.encode(b.begin(RTM_NEWRULE, CREATE)));
    }

    public void deleteRule(Rule r) throws IOException {
        socket.request("RTM_DELRULE " + r, r.encode(b.begin(RTM_DELRULE, 0)));
    }

    public List<Rule> rules(int family) throws IOException {
        b.begin(RTM_GETRULE, 0).u8(family).u8(0).u8(0).u8(0).u8(0).u8(0).u8(0).u8(0).u32(0);
        return decodeAll(socket.dump("RTM_GETRULE dump", b), Rule::decode);
    }

    private interface Decoder<T> {
        T decode(Message m);
    }

    private static <T> List<T> decodeAll(List<Message> ms, Decoder<T> d) {
        List<T> out = new ArrayList<>(ms.size());
        for (Message m : ms) {
            out.add(d.decode(m));
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
