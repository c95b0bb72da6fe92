package keepalived.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encodes the gratuitous ARP frame a new VRRP master broadcasts for each IPv4 address (RFC 5798
 * §6.4.2; an ARP announcement per RFC 5227 §2.3): a request whose sender and target IP are both
 * the address, so every neighbour with an entry for it learns our MAC.
 */
public final class ArpFrame {
    /** Ethernet minimum frame without FCS; the 42 bytes of header and ARP are zero-padded to it. */
    public static final int SIZE = 60;
    public static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};
    private static final int ARPOP_REQUEST = 1;

    private ArpFrame() {
    }

    /** Writes the frame at {@code out}'s position (advancing it by {@link #SIZE}). */
    public static void gratuitous(ByteBuffer out, byte[] mac, byte[] ipv4) {
        ByteBuffer b = out.duplicate().order(ByteOrder.BIG_ENDIAN);
        b.put(BROADCAST).put(mac).putShort((short) IpConstants.ETH_P_ARP); // Ethernet header
        b.putShort((short) IpConstants.ARPHRD_ETHER).putShort((short) IpConstants.ETH_P_IP) // htype, ptype
                .put((byte) 6).put((byte) 4).putShort((short) ARPOP_REQUEST) // hlen, plen, op
                .put(mac).put(ipv4) // sender
                .put(new byte[6]).put(ipv4); // target: MAC unknown, IP our own
        while (b.position() - out.position() < SIZE) {
            b.put((byte) 0);
        }
        out.position(out.position() + SIZE);
    }
}
