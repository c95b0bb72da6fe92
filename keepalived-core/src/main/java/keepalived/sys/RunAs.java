package keepalived.sys;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a script as another user. Java cannot change a child's uid between fork and exec, so the
 * command goes through util-linux's setpriv (Essential in Debian), which sets the real and
 * effective uid and gid and the user's supplementary groups, then execs the script: the same
 * outcome as keepalived's setgid/initgroups/setuid in its forked child.
 */
public final class RunAs {
    /** setpriv's path on Debian (util-linux). */
    static final String SETPRIV = "/usr/bin/setpriv";

    private RunAs() {
    }

    /**
     * {@code argv} to run as uid:gid: unchanged when that is who we already are, else behind
     * setpriv.
     */
    public static List<String> command(List<String> argv, int uid, int gid) {
        if (uid == Native.getuid() && gid == Native.getgid()) {
            return argv;
        }
        List<String> cmd = new ArrayList<>(argv.size() + 5);
        cmd.add(SETPRIV);
        cmd.add("--reuid=" + uid);
        cmd.add("--regid=" + gid);
        cmd.add("--init-groups");
        cmd.add("--");
        cmd.addAll(argv);
        return cmd;
    }
}
