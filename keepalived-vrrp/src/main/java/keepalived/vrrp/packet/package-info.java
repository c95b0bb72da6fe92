/**
 * VRRP advertisement codec (RFC 3768 v2, RFC 5798 v3, IPv4 and IPv6): {@link keepalived.vrrp.packet.AdvertPacket}
 * encodes into a caller's buffer and decodes into a reusable {@link keepalived.vrrp.packet.AdvertView};
 * every rejected advert has a {@link keepalived.vrrp.packet.AdvertPacket.Verdict} that maps to one of
 * keepalived's per-instance counters.
 */
package keepalived.vrrp.packet;
