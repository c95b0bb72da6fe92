package keepalived.vrrp.state;

import java.util.List;

/**
 * A {@code vrrp_sync_group}: its instances change state together. The group is MASTER only
 * when every member wants MASTER; a member going BACKUP drags the others to BACKUP, and a
 * member in FAULT drags them all to FAULT until none is faulted.
 */
public final class SyncGroup {
    private final String name;
    private final List<VrrpInstance> members;
    VrrpState state = VrrpState.INIT;

    /** Creates the group and joins every member to it (an instance is in at most one group). */
    public SyncGroup(String name, List<VrrpInstance> members) {
        this.name = name;
        this.members = List.copyOf(members);
        for (VrrpInstance m : this.members) {
            if (m.group != null) {
                throw new IllegalArgumentException(m.name() + " is already in sync group " + m.group.name());
            }
            m.group = this;
        }
    }

    public String name() {
        return name;
    }

    public List<VrrpInstance> members() {
        return members;
    }

    /** The group's state as last reported. */
    public VrrpState state() {
        return state;
    }
}
