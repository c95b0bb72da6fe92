/**
 * nf_tables over netlink (NETLINK_NETFILTER), without the {@code nft} binary: the handful of
 * messages keepalived needs (tables, chains, sets, set elements, rules) in a transaction batch
 * ({@link keepalived.nft.NftBatch}), and the rule expressions ({@link keepalived.nft.Expr}).
 *
 * <p>Byte order: nf_tables integer attributes (hook numbers, priorities, set key types,
 * registers, offsets, verdicts) are big-endian, unlike rtnetlink; the nfgenmsg resource id too.
 * Register data (addresses, interface indexes) is copied as it sits in the packet or the kernel
 * (addresses in network order, interface indexes in host order). The layouts follow what
 * keepalived 2.2.7 (libnftnl) sends, captured with strace.
 */
package keepalived.nft;
