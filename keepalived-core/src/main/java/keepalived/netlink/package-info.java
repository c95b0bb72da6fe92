/**
 * Netlink for keepalived: pure encoders/decoders for rtnetlink and generic netlink messages
 * ({@link keepalived.netlink.MessageBuilder}, {@link keepalived.netlink.Message},
 * {@link keepalived.netlink.Attributes} and the typed records {@link keepalived.netlink.Link},
 * {@link keepalived.netlink.Address}, {@link keepalived.netlink.Route}, {@link keepalived.netlink.Rule},
 * {@link keepalived.netlink.GenlFamily}), a request/dump socket and a separate event socket.
 *
 * <p>Byte order: every netlink header and every integer attribute is in host order; IP addresses
 * inside attributes are in network order (they are copied as {@code InetAddress.getAddress()}).
 * Everything is padded to 4 bytes ({@code NLMSG_ALIGN}, {@code RTA_ALIGN}).
 */
package keepalived.netlink;
