package keepalived.config.global;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import keepalived.config.Block;
import keepalived.config.Problems;
import keepalived.config.Severity;

/**
 * keepalived's post-parse vetting of a configured script, shared by the VRRP and checker
 * processes: the command (argv[0]) is found (a bare name through PATH), resolved to its real
 * path, checked executable by the user it runs as, and, when that user is root, every directory
 * on its path and the file itself are checked for write access by non-root users. A script that
 * is not found is dropped; one that runs at all counts toward the SECURITY VIOLATION check.
 */
public final class ScriptCheck {
    private ScriptCheck() {
    }

    /** What keepalived concludes about one script. */
    public enum Status {
        /** not vetted at all (see {@link ScriptCheck#check}): kept, and not counted as a script */
        UNCHECKED,
        /** missing or not reachable: keepalived drops it */
        NOT_FOUND,
        /** present but not executable by its user (kept, counted as a script) */
        NOT_EXECUTABLE,
        /** runs unprivileged, or as root from safe places */
        SECURE,
        /** runs as root but something on its path is writable by a non-root user */
        INSECURE;

        /** keepalived keeps the script (only insecure ones are dropped, and only with script security). */
        public boolean kept(boolean scriptSecurity) {
            return this != NOT_FOUND && !(this == INSECURE && scriptSecurity);
        }
    }

    private static final int S_ISUID = 04000;
    private static final int S_ISGID = 02000;
    private static final int S_ISVTX = 01000;
    private static final int S_IWGRP = 020;
    private static final int S_IWOTH = 02;
    private static final int S_IXUSR = 0100;
    private static final int S_IXGRP = 010;
    private static final int S_IXOTH = 01;
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;

    /**
     * Vets {@code command} (the program, argv[0]) run as {@code user}/{@code group} (null: the
     * default script user of {@code globalDefs}).
     */
    public static Status check(String command, String user, String group, Block globalDefs) {
        if (command != null && command.startsWith("<") && command.indexOf('/') > 0) {
            // observed in 2.2.7: a redirection-like "</path" (the bash /dev/tcp idiom) passes
            // unvetted and does not count toward the SECURITY VIOLATION check
            return Status.UNCHECKED;
        }
        int[] ids = ids(user, group, globalDefs);
        Path file = locate(command, ids);
        if (file == null) {
            return Status.NOT_FOUND;
        }
        Map<String, Object> st = stat(file);
        if (st == null) {
            return Status.NOT_FOUND;
        }
        if (!executable(st, ids)) {
            return Status.NOT_EXECUTABLE;
        }
        int mode = (Integer) st.get("mode");
        boolean runsAsRoot = ids[0] == 0 || ids[1] == 0
                || ((Integer) st.get("uid") == 0 && (mode & S_IXUSR) != 0 && (mode & S_ISUID) != 0)
                || ((Integer) st.get("gid") == 0 && (mode & S_IXGRP) != 0 && (mode & S_ISGID) != 0);
        if (!runsAsRoot) {
            return Status.SECURE;
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            return Status.NOT_FOUND;
        }
        // "/" first, then each directory down to the file itself
        Path p = real.getRoot();
        if (unsafe(stat(p))) {
            return Status.INSECURE;
        }
        for (Path part : real) {
            p = p.resolve(part);
            if (unsafe(stat(p))) {
                return Status.INSECURE;
            }
        }
        return Status.SECURE;
    }

    /** Writable by someone other than root (a sticky directory is fine). */
    private static boolean unsafe(Map<String, Object> st) {
        if (st == null) {
            return true;
        }
        int mode = (Integer) st.get("mode");
        boolean regular = (mode & S_IFMT) == S_IFREG;
        return (Integer) st.get("uid") != 0
                || ((!((mode & S_ISVTX) != 0) || regular)
                        && (((Integer) st.get("gid") != 0 && (mode & S_IWGRP) != 0) || (mode & S_IWOTH) != 0));
    }

    /**
     * With enable_script_security keepalived will not fall back to root for a script without its
     * own user when neither script_user nor the keepalived_script user exists: it drops the script.
     */
    public static boolean defaultUserRefused(String user, Block globalDefs) {
        return user == null && globalDefs.get(GlobalDefsKeywords.ENABLE_SCRIPT_SECURITY)
                && globalDefs.get(GlobalDefsKeywords.SCRIPT_USER) == null
                && !UserDb.userExists(UserDb.DEFAULT_SCRIPT_USER);
    }

    /** uid and gid the script runs as: its own user, else script_user, else keepalived_script, else root. */
    public static int[] runAs(String user, String group, Block globalDefs) {
        return ids(user, group, globalDefs);
    }

    private static int[] ids(String user, String group, Block g) {
        int[] ids = {0, 0};
        String u = user;
        String grp = group;
        if (u == null) {
            u = g.get(GlobalDefsKeywords.SCRIPT_USER);
            grp = g.get(GlobalDefsKeywords.SCRIPT_GROUP);
            if (u == null) {
                u = UserDb.DEFAULT_SCRIPT_USER;
                grp = null;
            }
        }
        int[] found = UserDb.user(u);
        if (found != null) {
            ids = found;
        }
        if (grp != null) {
            Integer gid = UserDb.group(grp);
            if (gid != null) {
                ids[1] = gid;
            }
        }
        return ids;
    }

    /** The file to run: a name with a slash as is, a bare name searched in PATH. */
    private static Path locate(String command, int[] ids) {
        if (command == null || command.isEmpty()) {
            return null;
        }
        if (command.indexOf('/') >= 0) {
            return Path.of(command);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            path = "/bin:/usr/bin";
        }
        for (String dir : path.split(":", -1)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(command);
            Map<String, Object> st = stat(candidate);
            if (st != null && ((Integer) st.get("mode") & S_IFMT) == S_IFREG && executable(st, ids)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean executable(Map<String, Object> st, int[] ids) {
        int mode = (Integer) st.get("mode");
        int uid = ids[0];
        int gid = ids[1];
        int owner = (Integer) st.get("uid");
        int ownerGroup = (Integer) st.get("gid");
        if (uid == 0) {
            return (mode & (S_IXUSR | S_IXGRP | S_IXOTH)) != 0;
        }
        if (uid == owner) {
            return (mode & S_IXUSR) != 0;
        }
        return gid == ownerGroup ? (mode & S_IXGRP) != 0 : (mode & S_IXOTH) != 0;
    }

    /** stat(2) of {@code p} following links; null when it cannot be read. */
    private static Map<String, Object> stat(Path p) {
        try {
            return Files.readAttributes(p, "unix:mode,uid,gid");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /**
     * Collects the verdicts of one process's scripts for its closing check: keepalived complains
     * when scripts would run without enable_script_security.
     */
    public static final class Tally {
        private boolean scripts;
        private boolean insecure;

        public void add(Status s) {
            if (s != Status.NOT_FOUND && s != Status.UNCHECKED) {
                scripts = true;
            }
            if (s == Status.INSECURE) {
                insecure = true;
            }
        }

        /** Whether keepalived complains: scripts would run and script security is off. */
        public boolean violation(boolean scriptSecurity) {
            return scripts && !scriptSecurity;
        }

        /**
         * The complaint; {@code what} is "" for VRRP and "check " for the checker
         * ("SECURITY VIOLATION - check scripts are being executed ...").
         */
        public String violationMessage(String what) {
            return "SECURITY VIOLATION - " + what + "scripts are being executed but script_security not enabled."
                    + (insecure ? " There are insecure scripts." : "");
        }

        /** Reports the violation unless script security is on. */
        public void report(Problems p, String what, boolean scriptSecurity) {
            if (violation(scriptSecurity)) {
                p.report(Severity.SECURITY, null, violationMessage(what));
            }
        }
    }
}
