/**
 * Sockets over {@link keepalived.sys.Native} for VRRP (raw IPv4/IPv6), gratuitous ARP (AF_PACKET),
 * unsolicited neighbour adverts (ICMPv6) and BFD (UDP), with reused buffers on the packet path.
 */
package keepalived.net;
