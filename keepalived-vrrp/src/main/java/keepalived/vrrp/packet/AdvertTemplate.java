package keepalived.vrrp.packet;

import java.util.Arrays;

/**
 * The fixed part of an instance's adverts, prepared once: version, VRID, interval, the address
 * list as bytes and the PASS password. {@link AdvertPacket#encode} fills in the priority and
 * the checksum per send; receiving compares adverts against the same template.
 *
 * @param advertIntervalUs configured interval (v2 sends whole seconds, v3 centiseconds)
 * @param addresses {@code count × (4|16)} bytes: the VIPs of the family, in configuration order
 * @param authPass null when no PASS authentication; else the password bytes (at most 8)
 * @param v3ChecksumAsV2 VRRPv3 over IPv4 without the pseudo-header (keepalived's {@code v3_checksum_as_v2})
 * @param ah VRRPv2 {@code auth_type AH}: auth type 2 and a zero auth field (the {@link AhHeader} authenticates)
 */
public record AdvertTemplate(int version, boolean ipv6, int vrid, long advertIntervalUs, byte[] addresses,
        int count, byte[] authPass, boolean v3ChecksumAsV2, boolean ah) {

    public AdvertTemplate(int version, boolean ipv6, int vrid, long advertIntervalUs, byte[] addresses, int count,
            byte[] authPass, boolean v3ChecksumAsV2) {
        this(version, ipv6, vrid, advertIntervalUs, addresses, count, authPass, v3ChecksumAsV2, false);
    }

    public AdvertTemplate {
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("version " + version);
        }
        if (ipv6 && version != 3) {
            throw new IllegalArgumentException("IPv6 needs VRRPv3");
        }
        if (addresses.length != count * (ipv6 ? 16 : 4)) {
            throw new IllegalArgumentException("address bytes " + addresses.length + " for " + count);
        }
        if (ah && (version != 2 || ipv6 || authPass != null)) {
            throw new IllegalArgumentException("AH needs VRRPv2 over IPv4 and no PASS password");
        }
        if (authPass != null && authPass.length > 8) {
            authPass = Arrays.copyOf(authPass, 8);
        }
    }

    /** The interval field: whole seconds (v2, at least 1) or centiseconds (v3, 1..4095). */
    public int rawInterval() {
        if (version == 2) {
            return (int) Math.max(1, Math.min(255, advertIntervalUs / 1_000_000L));
        }
        return (int) Math.max(1, Math.min(4095, advertIntervalUs / 10_000L));
    }

    /** Length of the VRRP message. */
    public int length() {
        return AdvertPacket.HEADER_LENGTH + addresses.length + (version == 2 ? AdvertPacket.AUTH_LENGTH : 0);
    }

    /** VRRPv2 auth type field: 2 for AH, 1 with a password, else 0. */
    public int authType() {
        if (ah) {
            return AdvertPacket.AUTH_AH;
        }
        return version == 2 && authPass != null ? AdvertPacket.AUTH_PASS : AdvertPacket.AUTH_NONE;
    }
}
