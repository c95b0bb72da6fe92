package keepalived.vrrp.io;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import keepalived.config.net.IpAddress;
import keepalived.netlink.Address;
import keepalived.netlink.IfAddr;
import keepalived.netlink.Rtnetlink;
import keepalived.netlink.Rtnl;
import keepalived.sys.NativeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds and removes virtual addresses through rtnetlink, as {@code ip addr add|del} would with
 * the options of a {@code virtual_ipaddress} line (label, scope, brd, dev, peer, IPv6 flags,
 * preferred_lft). Adding an address that is already there and removing one that is not are not
 * errors (a restart finds stale VIPs; a backup removes VIPs it never had).
 */
public final class VipManager {
    private static final Logger LOG = LoggerFactory.getLogger("keepalived.vrrp");
    private static final int EEXIST = 17;
    private static final int EADDRNOTAVAIL = 99;
    private static final int ENODEV = 19;

    /** Resolves interface names to indexes (rtnetlink in the daemon, a map in tests). */
    @FunctionalInterface
    public interface Interfaces {
        /** The index of {@code name}, or 0 if there is no such interface. */
        int index(String name);
    }

    private final Rtnl rtnl;
    private final Interfaces interfaces;
    private java.util.function.Consumer<Address> removed = a -> { };

    public VipManager(Rtnl rtnl, Interfaces interfaces) {
        this.rtnl = rtnl;
        this.interfaces = interfaces;
    }

    /** Told of every address this manager removed (so that its RTM_DELADDR is known to be ours). */
    public void onRemoved(java.util.function.Consumer<Address> listener) {
        this.removed = listener;
    }

    /** Adds every address; returns how many failed (logged). */
    public int add(List<IpAddress> vips, String defaultDev) {
        int failed = 0;
        for (IpAddress ip : vips) {
            Address a = toAddress(ip, defaultDev);
            if (a == null) {
                failed++;
                continue;
            }
            try {
                rtnl.addAddress(a);
            } catch (NativeException e) {
                if (e.errnoValue() != EEXIST) {
                    LOG.warn("Unable to add address {} dev {}: {}", ip.text(), dev(ip, defaultDev), e.getMessage());
                    failed++;
                }
            } catch (IOException e) {
                LOG.warn("Unable to add address {} dev {}: {}", ip.text(), dev(ip, defaultDev), e.getMessage());
                failed++;
            }
        }
        return failed;
    }

    /** Removes every address that is present; returns how many failed for another reason. */
    public int remove(List<IpAddress> vips, String defaultDev) {
        int failed = 0;
        for (IpAddress ip : vips) {
            String dev = dev(ip, defaultDev);
            int ifindex = dev == null ? 0 : interfaces.index(dev);
            if (ifindex <= 0) {
                continue; // gone with its interface (a deleted VMAC): nothing to remove
            }
            Address a = toAddress(ip, ifindex);
            try {
                rtnl.deleteAddress(a);
                removed.accept(a);
            } catch (NativeException e) {
                int errno = e.errnoValue();
                if (errno != EADDRNOTAVAIL && errno != ENODEV && errno != EEXIST) {
                    LOG.warn("Unable to remove address {} dev {}: {}", ip.text(), dev(ip, defaultDev), e.getMessage());
                    failed++;
                }
            } catch (IOException e) {
                LOG.warn("Unable to remove address {} dev {}: {}", ip.text(), dev(ip, defaultDev), e.getMessage());
                failed++;
            }
        }
        return failed;
    }

    static String dev(IpAddress ip, String defaultDev) {
        return ip.dev() != null ? ip.dev() : defaultDev;
    }

    /** The rtnetlink form of a config address line; null (logged) if its interface does not exist. */
    public Address toAddress(IpAddress ip, String defaultDev) {
        String dev = dev(ip, defaultDev);
        int ifindex = dev == null ? 0 : interfaces.index(dev);
        if (ifindex <= 0) {
            LOG.warn("Interface {} for address {} does not exist", dev, ip.text());
            return null;
        }
        return toAddress(ip, ifindex);
    }

    /** The rtnetlink form of a config address line on interface {@code ifindex}. */
    public static Address toAddress(IpAddress ip, int ifindex) {
        Address a = Address.of(ifindex, ip.address(), ip.prefixLength());
        if (ip.label() != null) {
            a = a.withLabel(ip.label());
        }
        if (ip.scope() != null) {
            a = a.withScope(scope(ip.scope()));
        }
        if (ip.peer() != null) {
            a = a.withPeer(ip.peer().address());
        }
        if (ip.broadcast() != null && ip.address() instanceof Inet4Address) {
            InetAddress brd = broadcast(ip);
            if (brd != null) {
                a = a.withBroadcast(brd);
            }
        }
        int flags = 0;
        for (String f : ip.flags()) {
            switch (f) {
                case "-nodad" -> flags |= IfAddr.IFA_F_NODAD;
                case "home" -> flags |= IfAddr.IFA_F_HOMEADDRESS;
                case "mngtmpaddr" -> flags |= IfAddr.IFA_F_MANAGETEMPADDR;
                case "noprefixroute" -> flags |= IfAddr.IFA_F_NOPREFIXROUTE;
                default -> { } // autojoin is a multicast option ip(8) handles; not an address flag
            }
        }
        if (flags != 0) {
            a = a.withFlags(flags);
        }
        if (ip.preferredLft() != null && ip.preferredLft() >= 0) {
            a = a.withLifetimes(ip.preferredLft(), IfAddr.INFINITY_LIFE_TIME);
        }
        return a;
    }

    /** RT_SCOPE of a scope word or number (global, site, link, host, nowhere). */
    static int scope(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "global" -> Rtnetlink.RT_SCOPE_UNIVERSE;
            case "site" -> Rtnetlink.RT_SCOPE_SITE;
            case "link" -> Rtnetlink.RT_SCOPE_LINK;
            case "host" -> Rtnetlink.RT_SCOPE_HOST;
            case "nowhere" -> Rtnetlink.RT_SCOPE_NOWHERE;
            default -> Integer.parseInt(s);
        };
    }

    /** "brd +": the prefix's broadcast; "brd -": all-zero host part; else the literal. */
    static InetAddress broadcast(IpAddress ip) {
        String b = ip.broadcast();
        byte[] addr = ip.address().getAddress();
        int len = ip.prefixLength();
        if (b.equals("+") || b.equals("-")) {
            if (len >= 31) {
                return null;
            }
            int v = (addr[0] & 0xff) << 24 | (addr[1] & 0xff) << 16 | (addr[2] & 0xff) << 8 | addr[3] & 0xff;
            int mask = len == 0 ? 0 : -1 << (32 - len);
            int r = b.equals("+") ? v | ~mask : v & mask;
            try {
                return InetAddress.getByAddress(new byte[] {(byte) (r >>> 24), (byte) (r >>> 16), (byte) (r >>> 8),
                        (byte) r});
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }
        try {
            return InetAddress.getByName(b);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
