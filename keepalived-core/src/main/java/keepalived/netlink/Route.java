package keepalived.netlink;

import static keepalived.netlink.Rtnetlink.*;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A route as RTM_NEWROUTE/RTM_DELROUTE/RTM_GETROUTE carry it (struct rtmsg + RTA_*). A null
 * {@code destination} with length 0 is the default route; {@code metric} is -1 when unset;
 * {@code nexthops} non-empty means RTA_MULTIPATH (then {@code gateway}/{@code oif} are unused).
 * Build with {@link #to(InetAddress, int)}.
 */
public record Route(int family, InetAddress destination, int destinationLength, InetAddress source,
                    int sourceLength, int tos, long table, int protocol, int scope, int type, int flags,
                    InetAddress gateway, InetAddress preferredSource, int oif, long metric, List<Nexthop> nexthops) {

    public Route {
        nexthops = List.copyOf(nexthops);
    }

    public static Builder to(InetAddress destination, int length) {
        return new Builder(Families.of(destination), destination, length);
    }

    /** The default route of a family (0.0.0.0/0 or ::/0). */
    public static Builder defaultRoute(int family) {
        return new Builder(family, null, 0);
    }

    /**
     * Writes rtmsg and the attributes. A delete uses scope RT_SCOPE_NOWHERE, which the kernel
     * reads as "any scope", so the route is found whatever scope it was installed with.
     */
    public MessageBuilder encode(MessageBuilder b, boolean delete) {
        b.u8(family).u8(destinationLength).u8(sourceLength).u8(tos)
                .u8(table < 256 ? (int) table : RT_TABLE_UNSPEC).u8(protocol)
                .u8(delete ? RT_SCOPE_NOWHERE : scope).u8(type).u32(flags);
        if (table >= 256) {
            b.attrU32(RTA_TABLE, (int) table);
        }
        if (destination != null) {
            b.attrAddress(RTA_DST, destination);
        }
        if (source != null) {
            b.attrAddress(RTA_SRC, source);
        }
        if (preferredSource != null) {
            b.attrAddress(RTA_PREFSRC, preferredSource);
        }
        if (metric >= 0) {
            b.attrU32(RTA_PRIORITY, (int) metric);
        }
        if (nexthops.isEmpty()) {
            if (gateway != null) {
                b.attrAddress(RTA_GATEWAY, gateway);
            }
            if (oif > 0) {
                b.attrU32(RTA_OIF, oif);
            }
        } else {
            int mp = b.beginNested(RTA_MULTIPATH); // an array of rtnexthop, each followed by attributes
            for (Nexthop nh : nexthops) {
                int start = b.position();
                b.u16(0).u8(nh.flags()).u8(nh.weight() - 1).u32(nh.ifindex());
                if (nh.gateway() != null) {
                    b.attrAddress(RTA_GATEWAY, nh.gateway());
                }
                b.patchU16(start, b.position() - start);
            }
            b.endNested(mp);
        }
        return b;
    }

    public static Route decode(Message m) {
        ByteBuffer p = m.payload();
        int family = p.get(0) & 0xff;
        Attributes a = m.attributes(RTMSG_LEN);
        List<Nexthop> hops = new ArrayList<>();
        ByteBuffer mp = a.get(RTA_MULTIPATH);
        if (mp != null) {
            int off = 0;
            while (mp.limit() - off >= RTNH_LEN) {
                int len = mp.getShort(off) & 0xffff;
                if (len < RTNH_LEN || len > mp.limit() - off) {
                    throw new IllegalArgumentException("bad rtnexthop length " + len + " at " + off);
                }
                Attributes na = Attributes.parse(mp.slice(off + RTNH_LEN, len - RTNH_LEN));
                hops.add(new Nexthop(mp.getInt(off + 4), na.address(RTA_GATEWAY), (mp.get(off + 3) & 0xff) + 1,
                        mp.get(off + 2) & 0xff));
                off += Netlink.align(len);
            }
        }
        return new Route(family, a.address(RTA_DST), p.get(1) & 0xff, a.address(RTA_SRC), p.get(2) & 0xff,
                p.get(3) & 0xff, a.u32(RTA_TABLE, p.get(4) & 0xff), p.get(5) & 0xff, p.get(6) & 0xff,
                p.get(7) & 0xff, p.getInt(8), a.address(RTA_GATEWAY), a.address(RTA_PREFSRC),
                a.s32(RTA_OIF, 0), a.u32(RTA_PRIORITY, -1), hops);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append(type == RTN_UNICAST ? "" : "type " + type + " ")
                .append(destination == null ? "default" : destination.getHostAddress() + "/" + destinationLength);
        if (gateway != null) {
            s.append(" via ").append(gateway.getHostAddress());
        }
        if (oif > 0) {
            s.append(" dev ").append(oif);
        }
        for (Nexthop nh : nexthops) {
            s.append(" nexthop ").append(nh);
        }
        return s.append(" table ").append(table).append(" proto ").append(protocol).append(" scope ").append(scope)
                .append(metric >= 0 ? " metric " + metric : "").toString();
    }

    /** Collects a route's settings; defaults follow iproute2 (main table, proto boot, unicast). */
    public static final class Builder {
        private final int family;
        private final InetAddress destination;
        private final int destinationLength;
        private InetAddress source;
        private int sourceLength;
        private int tos;
        private long table = RT_TABLE_MAIN;
        private int protocol = RTPROT_BOOT;
        private int scope = -1;
        private int type = RTN_UNICAST;
        private int flags;
        private InetAddress gateway;
        private InetAddress preferredSource;
        private int oif;
        private long metric = -1;
        private final List<Nexthop> nexthops = new ArrayList<>();

        private Builder(int family, InetAddress destination, int destinationLength) {
            this.family = family;
            this.destination = destination;
            this.destinationLength = destinationLength;
            if (destinationLength < 0 || destinationLength > Families.bits(family)) {
                throw new IllegalArgumentException("prefix length " + destinationLength + " out of range");
            }
        }

        public Builder via(InetAddress gw) {
            this.gateway = gw;
            return this;
        }

        public Builder dev(int ifindex) {
            this.oif = ifindex;
            return this;
        }

        public Builder from(InetAddress src, int length) {
            this.source = src;
            this.sourceLength = length;
            return this;
        }

        /** RTA_PREFSRC: the source address for locally generated packets ({@code ip route ... src}). */
        public Builder src(InetAddress prefsrc) {
            this.preferredSource = prefsrc;
            return this;
        }

        public Builder table(long t) {
            this.table = t;
            return this;
        }

        public Builder metric(long m) {
            this.metric = m;
            return this;
        }

        public Builder protocol(int p) {
            this.protocol = p;
            return this;
        }

        public Builder scope(int s) {
            this.scope = s;
            return this;
        }

        public Builder type(int t) {
            this.type = t;
            return this;
        }

        public Builder tos(int t) {
            this.tos = t;
            return this;
        }

        public Builder flags(int f) {
            this.flags = f;
            return this;
        }

        public Builder nexthop(Nexthop nh) {
            nexthops.add(nh);
            return this;
        }

        public Route build() {
            int s = scope;
            if (s < 0) { // iproute2: direct unicast routes are link scope, local ones host, others universe
                s = type == RTN_LOCAL ? RT_SCOPE_HOST
                        : type == RTN_UNICAST && gateway == null && nexthops.isEmpty() ? RT_SCOPE_LINK
                        : RT_SCOPE_UNIVERSE;
            }
            return new Route(family, destination, destinationLength, source, sourceLength, tos, table, protocol,
                    s, type, flags, gateway, preferredSource, oif, metric, nexthops);
        }
    }
}
