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
        state = stateOf(this.members);
    }

    /**
     * FAULT if a member is, else INIT if one is not started yet, else BACKUP if one is, else
     * MASTER. A group made of running instances (rebuilt on reload) starts in their state
     * without reporting a change.
     */
    static VrrpState stateOf(List<VrrpInstance> members) {
        VrrpState s = VrrpState.MASTER;
        for (VrrpInstance m : members) {
            if (m.state() == VrrpState.FAULT) {
                return VrrpState.FAULT;
            }
            if (m.state() == VrrpState.INIT) {
                s = VrrpState.INIT;
            } else if (m.state() == VrrpState.BACKUP && s == VrrpState.MASTER) {
                s = VrrpState.BACKUP;
            }
        }
        return s;
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
