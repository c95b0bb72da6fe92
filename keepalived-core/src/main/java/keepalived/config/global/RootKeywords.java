package keepalived.config.global;

import keepalived.config.Schema;

/** Keywords that stand at the top level, outside global_defs ({@code net_namespace} ...). */
public final class RootKeywords {
    private RootKeywords() {
    }

    public static void install(Schema top) {
        // TODO(helper): net_namespace, net_namespace_ipvs, namespace_with_ipsets, instance,
        // use_pid_dir, child_wait_time, linkbeat_use_polling, linkbeat_interfaces,
        // interface_up_down_delays, track_group, SSL is in check
    }
}
