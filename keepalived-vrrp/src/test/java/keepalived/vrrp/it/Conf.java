package keepalived.vrrp.it;

import java.util.ArrayList;
import java.util.List;

/** A one-instance keepalived.conf for the interop scenarios (the same text for both implementations). */
final class Conf {
    private final String routerId;
    private int version = 3;
    private String advertInt = "0.1";
    private int vrid = 51;
    private int priority = 100;
    private String state = "BACKUP";
    private boolean nopreempt;
    private int preemptDelay = -1;
    private String unicastSrc;
    private final List<String> unicastPeers = new ArrayList<>();
    private final List<String> vips = new ArrayList<>();
    private final List<String> extra = new ArrayList<>();

    Conf(String routerId) {
        this.routerId = routerId;
    }

    Conf version(int v) {
        version = v;
        return this;
    }

    Conf advertInt(String seconds) {
        advertInt = seconds;
        return this;
    }

    Conf vrid(int id) {
        vrid = id;
        return this;
    }

    Conf priority(int p) {
        priority = p;
        return this;
    }

    Conf state(String s) {
        state = s;
        return this;
    }

    Conf nopreempt() {
        nopreempt = true;
        return this;
    }

    Conf preemptDelay(int seconds) {
        preemptDelay = seconds;
        return this;
    }

    Conf unicast(String src, String... peers) {
        unicastSrc = src;
        unicastPeers.addAll(List.of(peers));
        return this;
    }

    Conf vip(String addressWithPrefix) {
        vips.add(addressWithPrefix);
        return this;
    }

    /** A raw line inside the vrrp_instance block. */
    Conf line(String l) {
        extra.add(l);
        return this;
    }

    int priority() {
        return priority;
    }

    int vrid() {
        return vrid;
    }

    /** The advert interval in milliseconds. */
    long intervalMillis() {
        return Math.round(Double.parseDouble(advertInt) * 1000);
    }

    /** Skew time in ms: (256 - priority) / 256 of the interval (v3), or of one second (v2). */
    double skewMillis() {
        return (256 - priority) * (version == 3 ? intervalMillis() : 1000) / 256.0;
    }

    String text() {
        StringBuilder b = new StringBuilder();
        b.append("global_defs {\n    router_id ").append(routerId).append("\n    vrrp_version ").append(version)
                .append("\n}\n\n");
        b.append("vrrp_instance VI_1 {\n");
        b.append("    state ").append(state).append('\n');
        b.append("    interface eth0\n");
        b.append("    virtual_router_id ").append(vrid).append('\n');
        b.append("    priority ").append(priority).append('\n');
        b.append("    advert_int ").append(advertInt).append('\n');
        if (nopreempt) {
            b.append("    nopreempt\n");
        }
        if (preemptDelay >= 0) {
            b.append("    preempt_delay ").append(preemptDelay).append('\n');
        }
        if (unicastSrc != null) {
            b.append("    unicast_src_ip ").append(unicastSrc).append('\n');
            b.append("    unicast_peer {\n");
            for (String p : unicastPeers) {
                b.append("        ").append(p).append('\n');
            }
            b.append("    }\n");
        }
        for (String l : extra) {
            b.append("    ").append(l).append('\n');
        }
        b.append("    virtual_ipaddress {\n");
        for (String v : vips) {
            b.append("        ").append(v).append('\n');
        }
        b.append("    }\n}\n");
        return b.toString();
    }
}
