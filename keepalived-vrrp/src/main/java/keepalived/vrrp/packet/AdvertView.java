package keepalived.vrrp.packet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A reusable, mutable view of one received advertisement (an Aeron-style flyweight filled by
 * {@link AdvertPacket#decode}): the header fields, the address list and the IP-level facts
 * (source, destination, TTL / hop limit). One per receive path; nothing here allocates.
 */
public final class AdvertView {
    int version;
    int type;
    int vrid;
    int priority;
    int countIp;
    int authType;
    int rawInterval;
    int checksum;
    int ttl;
    boolean ipv6;
    int length;
    /** The addresses as received, {@code countIp} × (4|16) bytes. */
    final byte[] addresses = new byte[255 * 16];
    final byte[] authData = new byte[8];
    final byte[] source = new byte[16];
    final byte[] destination = new byte[16];
    /** AH adverts: the whole IP packet as received (for the ICV), its length (0 = no AH), the IP header length. */
    final byte[] ahPacket = new byte[AhHeader.maxPacket()];
    int ahPacketLength;
    int ahIpHeaderLength;
    long ahSequence;

    /** Whether the advert came with an AH header (IPv4 protocol 51). */
    public boolean hasAh() {
        return ahPacketLength > 0;
    }

    /** The AH sequence number (meaningful when {@link #hasAh()}). */
    public long ahSequence() {
        return ahSequence;
    }

    /** Marks the advert as one without AH (protocol 112). */
    public void noAh() {
        ahPacketLength = 0;
    }

    public int version() {
        return version;
    }

    public int type() {
        return type;
    }

    public int vrid() {
        return vrid;
    }

    public int priority() {
        return priority;
    }

    public int countIp() {
        return countIp;
    }

    /** VRRPv2 auth type (0 none, 1 PASS, 2 AH); 0 for v3. */
    public int authType() {
        return authType;
    }

    /** The interval field as sent: seconds (v2) or centiseconds (v3). */
    public int rawInterval() {
        return rawInterval;
    }

    /** The advertised interval in microseconds. */
    public long advertIntervalUs() {
        return version == 2 ? rawInterval * 1_000_000L : rawInterval * 10_000L;
    }

    public int checksum() {
        return checksum;
    }

    /** IPv4 TTL or IPv6 hop limit of the received packet. */
    public int ttl() {
        return ttl;
    }

    public boolean ipv6() {
        return ipv6;
    }

    /** Bytes of the VRRP message. */
    public int length() {
        return length;
    }

    public int addressLength() {
        return ipv6 ? 16 : 4;
    }

    /** Whether address {@code i} of the advert equals {@code a} (4 or 16 bytes). */
    public boolean addressEquals(int i, byte[] a) {
        int n = addressLength();
        return a.length == n && Arrays.equals(addresses, i * n, i * n + n, a, 0, n);
    }

    /** Whether the advert's address list holds {@code a}. */
    public boolean containsAddress(byte[] a) {
        for (int i = 0; i < countIp; i++) {
            if (addressEquals(i, a)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the 8 auth bytes equal {@code pass} (zero-padded to 8). */
    public boolean authDataEquals(byte[] pass) {
        for (int i = 0; i < 8; i++) {
            int b = i < pass.length ? pass[i] : 0;
            if (authData[i] != b) {
                return false;
            }
        }
        return true;
    }

    /**
     * Compares the packet's source address with {@code a} as unsigned big-endian numbers
     * (keepalived's tie-break on equal priority): negative when the source is lower.
     */
    public int compareSource(byte[] a) {
        int n = addressLength();
        if (a.length != n) {
            return Integer.compare(n, a.length);
        }
        return Arrays.compareUnsigned(source, 0, n, a, 0, n);
    }

    /** Whether the source address equals {@code a}. */
    public boolean sourceEquals(byte[] a) {
        int n = addressLength();
        return a.length == n && Arrays.equals(source, 0, n, a, 0, n);
    }

    /** Copies the source address bytes into {@code into} (4 or 16 bytes); returns the length. */
    public int copySource(byte[] into) {
        int n = addressLength();
        System.arraycopy(source, 0, into, 0, n);
        return n;
    }

    /** The source as an InetAddress (allocates: for logging, not the hot path). */
    public InetAddress sourceAddress() {
        try {
            return InetAddress.getByAddress(Arrays.copyOf(source, addressLength()));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "Advert[v" + version + " type " + type + " vrid " + vrid + " prio " + priority + " naddr " + countIp
                + " auth " + authType + " int " + rawInterval + " ttl " + ttl + " from "
                + sourceAddress().getHostAddress() + "]";
    }
}
