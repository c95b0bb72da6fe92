package keepalived.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encodes the unsolicited neighbour advertisement a new VRRP master sends to all nodes for each
 * IPv6 address (RFC 5798 §6.4.2, RFC 4861 §4.4 and §7.2.6) over an ICMPv6 raw socket; the kernel
 * fills the checksum. Must leave with hop limit 255 or receivers drop it.
 */
public final class NeighbourAdvert {
    /** ICMPv6 header 4 + flags 4 + target 16 + target link-layer address option 8. */
    public static final int SIZE = 32;
    public static final int TYPE = 136;
    public static final int FLAG_ROUTER = 0x80000000;
    public static final int FLAG_SOLICITED = 0x40000000;
    public static final int FLAG_OVERRIDE = 0x20000000;
    private static final int OPTION_TARGET_LINK_ADDRESS = 2;
    /** ff02::1, the all-nodes group unsolicited adverts go to. */
    public static final Inet6Address ALL_NODES = allNodes();

    private NeighbourAdvert() {
    }

    /** Writes an unsolicited advert (override set, router as given) at {@code out}'s position. */
    public static void unsolicited(ByteBuffer out, Inet6Address target, byte[] mac, boolean router) {
        ByteBuffer b = out.duplicate().order(ByteOrder.BIG_ENDIAN);
        b.put((byte) TYPE).put((byte) 0).putShort((short) 0); // type, code, checksum (kernel)
        b.putInt(FLAG_OVERRIDE | (router ? FLAG_ROUTER : 0));
        b.put(target.getAddress());
        b.put((byte) OPTION_TARGET_LINK_ADDRESS).put((byte) 1).put(mac); // length in units of 8 bytes
        out.position(out.position() + SIZE);
    }

    private static Inet6Address allNodes() {
        try {
            return (Inet6Address) InetAddress.getByName("ff02::1");
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
