package keepalived.netlink;

import static keepalived.netlink.IfAddr.*;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An interface address as RTM_NEWADDR/RTM_DELADDR/RTM_GETADDR carry it (struct ifaddrmsg + IFA_*).
 * {@code flags} is the full 32-bit IFA_FLAGS value (nodad, noprefixroute live above the u8 field);
 * lifetimes are seconds, {@link IfAddr#INFINITY_LIFE_TIME} meaning forever.
 *
 * <p>IPv4 quirk: IFA_LOCAL is the interface's own address and IFA_ADDRESS the peer (equal to
 * IFA_LOCAL without a peer); IPv6 reports only IFA_ADDRESS unless a peer is set.
 */
public record Address(int ifindex, InetAddress address, int prefixLength, InetAddress peer,
                      InetAddress broadcast, String label, int scope, int flags,
                      long preferredLifetime, long validLifetime) {

    public Address {
        Objects.requireNonNull(address, "address");
        if (prefixLength < 0 || prefixLength > Families.bits(Families.of(address))) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range for " + address);
        }
    }

    /** A permanent, universe-scope address with no label, peer or broadcast. */
    public static Address of(int ifindex, InetAddress address, int prefixLength) {
        return new Address(ifindex, address, prefixLength, null, null, null, Rtnetlink.RT_SCOPE_UNIVERSE, 0,
                INFINITY_LIFE_TIME, INFINITY_LIFE_TIME);
    }

    public int family() {
        return Families.of(address);
    }

    public Address withLabel(String l) {
        return new Address(ifindex, address, prefixLength, peer, broadcast, l, scope, flags,
                preferredLifetime, validLifetime);
    }

    public Address withBroadcast(InetAddress b) {
        return new Address(ifindex, address, prefixLength, peer, b, label, scope, flags,
                preferredLifetime, validLifetime);
    }

    public Address withPeer(InetAddress p) {
        return new Address(ifindex, address, prefixLength, p, broadcast, label, scope, flags,
                preferredLifetime, validLifetime);
    }

    public Address withScope(int s) {
        return new Address(ifindex, address, prefixLength, peer, broadcast, label, s, flags,
                preferredLifetime, validLifetime);
    }

    public Address withFlags(int f) {
        return new Address(ifindex, address, prefixLength, peer, broadcast, label, scope, f,
                preferredLifetime, validLifetime);
    }

    public Address withLifetimes(long preferred, long valid) {
        return new Address(ifindex, address, prefixLength, peer, broadcast, label, scope, flags, preferred, valid);
    }

    public boolean hasFlag(int f) {
        return (flags & f) != 0;
    }

    /** Writes ifaddrmsg and the attributes after {@link MessageBuilder#begin}. */
    public MessageBuilder encode(MessageBuilder b) {
        b.u8(family()).u8(prefixLength).u8(flags & 0xff).u8(scope).u32(ifindex);
        b.attrAddress(IFA_LOCAL, address);
        b.attrAddress(IFA_ADDRESS, peer != null ? peer : address);
        if (broadcast != null) {
            b.attrAddress(IFA_BROADCAST, broadcast);
        }
        if (label != null) {
            b.attrString(IFA_LABEL, label);
        }
        if (flags > 0xff) {
            b.attrU32(IFA_FLAGS, flags);
        }
        if (preferredLifetime != INFINITY_LIFE_TIME || validLifetime != INFINITY_LIFE_TIME) {
            int mark = b.beginNested(IFA_CACHEINFO); // struct ifa_cacheinfo, not a nest: 4 x u32
            b.u32((int) preferredLifetime).u32((int) validLifetime).u32(0).u32(0);
            b.endNested(mark);
        }
        return b;
    }

    public static Address decode(Message m) {
        var p = m.payload();
        int family = p.get(0) & 0xff;
        int prefix = p.get(1) & 0xff;
        int flags8 = p.get(2) & 0xff;
        int scope = p.get(3) & 0xff;
        int index = p.getInt(4);
        Attributes a = m.attributes(IFADDRMSG_LEN);
        InetAddress local = a.address(IFA_LOCAL);
        InetAddress addr = a.address(IFA_ADDRESS);
        InetAddress self = local != null ? local : addr;
        InetAddress peer = local != null && addr != null && !addr.equals(local) ? addr : null;
        if (self == null) {
            throw new IllegalArgumentException("address message without IFA_LOCAL/IFA_ADDRESS, family " + family);
        }
        long preferred = INFINITY_LIFE_TIME;
        long valid = INFINITY_LIFE_TIME;
        var ci = a.get(IFA_CACHEINFO);
        if (ci != null && ci.remaining() >= 8) {
            preferred = ci.getInt(0) & 0xffffffffL;
            valid = ci.getInt(4) & 0xffffffffL;
        }
        int flags = (int) a.u32(IFA_FLAGS, flags8);
        return new Address(index, self, prefix, peer, a.address(IFA_BROADCAST), a.string(IFA_LABEL),
                scope, flags, preferred, valid);
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength + (peer != null ? " peer " + peer.getHostAddress() : "")
                + " dev " + ifindex + (label != null ? " label " + label : "") + " scope " + scope
                + " flags 0x" + Integer.toHexString(flags);
    }
}
