package keepalived.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encodes the gratuitous ARP frame a new VRRP master broadcasts for each IPv4 address (RFC 5798
 * §6.4.2; an ARP announcement per RFC 5227 §2.3): a request whose sender and target IP are both
 * the address, so every neighbour with an entry for it learns our MAC. Byte for byte what
 * keepalived 2.2.7 sends (captured): 42 bytes, target MAC ff:ff:ff:ff:ff:ff; a NIC pads it on
 * the wire.
 */
public final class ArpFrame {
    /** Ethernet header (14) + ARP for IPv4 over Ethernet (28). */
    public static final int SIZE = 42;
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
                .put(BROADCAST).put(ipv4); // target: broadcast MAC (as keepalived), IP our own
        out.position(out.position() + SIZE);
    }
}
