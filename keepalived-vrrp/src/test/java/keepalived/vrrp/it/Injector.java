package keepalived.vrrp.it;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import keepalived.net.PacketSocket;
import keepalived.net.SockAddr;
import keepalived.testing.NsThread;

/**
 * Sends hand-made VRRP adverts as whole Ethernet frames (AF_PACKET) from a host, so every field can
 * be wrong on purpose: IP TTL, VRRP version/type/VRID/count, checksum, auth, length. Built here
 * byte by byte rather than with our encoder, so it cannot share a bug with the code under test.
 */
final class Injector implements AutoCloseable {
    private static final byte[] VRRP_MAC = {0x01, 0x00, 0x5e, 0x00, 0x00, 0x12};
    private static final byte[] VRRP_GROUP = {(byte) 224, 0, 0, 18};

    private final NsThread thread;
    private final PacketSocket socket;
    private final byte[] link;
    private final byte[] mac;
    private final byte[] src;
    private int ipId = 1;

    Injector(Segment.Host host) throws Exception {
        thread = new NsThread(host.ns());
        socket = thread.call(PacketSocket::open);
        int ifindex = ifindex(host);
        link = SockAddr.link(ifindex, 0x0800, VRRP_MAC);
        mac = macBytes(host.mac());
        src = InetAddress.getByName(host.ipv4()).getAddress();
    }

    private static int ifindex(Segment.Host host) {
        String out = host.ns().ip("-o", "link", "show", "dev", "eth0").stdout();
        Matcher m = Pattern.compile("^(\\d+):").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no ifindex in " + out);
        }
        return Integer.parseInt(m.group(1));
    }

    private static byte[] macBytes(String mac) {
        String[] parts = mac.split(":");
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return b;
    }

    /** A VRRPv2 advert (RFC 3768) with an 8-byte auth field; the checksum is left 0. */
    static byte[] v2(int vrid, int priority, int count, int authType, int intervalSeconds, String pass, byte[]... addresses) {
        byte[] p = new byte[8 + 4 * addresses.length + 8];
        p[0] = (byte) 0x21;
        p[1] = (byte) vrid;
        p[2] = (byte) priority;
        p[3] = (byte) count;
        p[4] = (byte) authType;
        p[5] = (byte) intervalSeconds;
        int o = 8;
        for (byte[] a : addresses) {
            System.arraycopy(a, 0, p, o, 4);
            o += 4;
        }
        if (pass != null) {
            byte[] pw = pass.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(pw, 0, p, o, Math.min(8, pw.length));
        }
        return p;
    }

    /** Fills in the RFC 1071 checksum of a v2 advert (over the VRRP message only). */
    static byte[] withV2Checksum(byte[] p) {
        p[6] = 0;
        p[7] = 0;
        int sum = checksum(p, 0, p.length, 0);
        p[6] = (byte) (sum >>> 8);
        p[7] = (byte) sum;
        return p;
    }

    static int checksum(byte[] b, int off, int len, long initial) {
        long sum = initial;
        for (int i = 0; i + 1 < len; i += 2) {
            sum += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
        }
        if ((len & 1) != 0) {
            sum += (b[off + len - 1] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /** Sends {@code vrrp} in an IPv4 packet to 224.0.0.18 with {@code ttl}, {@code times} times. */
    void send(byte[] vrrp, int ttl, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            ByteBuffer frame = frame(vrrp, ttl);
            thread.call(() -> socket.send(frame, link));
        }
    }

    /** Sends a whole IPv4 packet (built by the caller, e.g. with an AH header) to the VRRP group MAC. */
    void sendIp(byte[] ipPacket, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            byte[] f = new byte[Math.max(60, 14 + ipPacket.length)];
            System.arraycopy(VRRP_MAC, 0, f, 0, 6);
            System.arraycopy(mac, 0, f, 6, 6);
            f[12] = 0x08;
            f[13] = 0x00;
            System.arraycopy(ipPacket, 0, f, 14, ipPacket.length);
            ByteBuffer direct = ByteBuffer.allocateDirect(f.length);
            direct.put(f).flip();
            thread.call(() -> socket.send(direct, link));
        }
    }

    /** This host's IPv4 address as bytes. */
    byte[] source() {
        return src.clone();
    }

    private ByteBuffer frame(byte[] vrrp, int ttl) {
        byte[] f = new byte[Math.max(60, 14 + 20 + vrrp.length)];
        System.arraycopy(VRRP_MAC, 0, f, 0, 6);
        System.arraycopy(mac, 0, f, 6, 6);
        f[12] = 0x08;
        f[13] = 0x00;
        int ip = 14;
        int total = 20 + vrrp.length;
        f[ip] = 0x45;
        f[ip + 1] = (byte) 0xc0;
        f[ip + 2] = (byte) (total >>> 8);
        f[ip + 3] = (byte) total;
        int id = ipId++;
        f[ip + 4] = (byte) (id >>> 8);
        f[ip + 5] = (byte) id;
        f[ip + 8] = (byte) ttl;
        f[ip + 9] = 112;
        System.arraycopy(src, 0, f, ip + 12, 4);
        System.arraycopy(VRRP_GROUP, 0, f, ip + 16, 4);
        int sum = checksum(f, ip, 20, 0);
        f[ip + 10] = (byte) (sum >>> 8);
        f[ip + 11] = (byte) sum;
        System.arraycopy(vrrp, 0, f, ip + 20, vrrp.length);
        ByteBuffer direct = ByteBuffer.allocateDirect(f.length);
        direct.put(f).flip();
        return direct;
    }

    @Override
    public void close() throws Exception {
        try {
            socket.close();
        } finally {
            thread.close();
        }
    }
}
