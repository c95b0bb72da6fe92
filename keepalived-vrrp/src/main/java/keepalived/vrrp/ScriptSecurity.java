package keepalived.vrrp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import keepalived.config.Block;
import keepalived.config.Key;
import keepalived.config.KeepalivedConfig;
import keepalived.config.global.GlobalDefsKeywords;
import keepalived.config.global.ScriptCheck;
import keepalived.config.vrrp.NotifyScript;
import keepalived.config.vrrp.SyncGroupKeywords;
import keepalived.config.vrrp.TrackRef;
import keepalived.config.vrrp.VrrpInstanceKeywords;
import keepalived.config.vrrp.VrrpKeywords;
import keepalived.config.vrrp.VrrpScriptKeywords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VRRP process's script vetting, done as keepalived does once the configuration is read (at
 * start and on every reload): a script that cannot be found, or that runs as root from a place a
 * non-root user can write while {@code enable_script_security} is set, is disabled. Disabling
 * means the script is gone from the configuration the runtime sees, so it is never executed: a
 * vrrp_script leaves every instance and sync group that tracks it (no FAULT, no weight), a notify
 * script is simply not there. Without script security an insecure script is only reported.
 *
 * <p>The parent already logs the {@code Disabling track script} and {@code SECURITY VIOLATION}
 * lines among the configuration problems at start, so this logs them only on reload.
 */
final class ScriptSecurity {
    private static final Logger LOG = LoggerFactory.getLogger("keepalived.vrrp.script");

    /** An instance's notify scripts in the order keepalived vets them. */
    private static final List<Key<NotifyScript>> INSTANCE_NOTIFIES = List.of(VrrpInstanceKeywords.NOTIFY_BACKUP,
            VrrpInstanceKeywords.NOTIFY_MASTER, VrrpInstanceKeywords.NOTIFY_FAULT, VrrpInstanceKeywords.NOTIFY_STOP,
            VrrpInstanceKeywords.NOTIFY_DELETED_SCRIPT, VrrpInstanceKeywords.NOTIFY,
            VrrpInstanceKeywords.NOTIFY_MASTER_RX_LOWER_PRI);
    private static final List<Key<NotifyScript>> GROUP_NOTIFIES = List.of(SyncGroupKeywords.NOTIFY_BACKUP,
            SyncGroupKeywords.NOTIFY_MASTER, SyncGroupKeywords.NOTIFY_FAULT, SyncGroupKeywords.NOTIFY_STOP,
            SyncGroupKeywords.NOTIFY);

    private final Block globals;
    private final boolean security;
    private final boolean reload;
    private final ScriptCheck.Tally tally = new ScriptCheck.Tally();
    private final Set<String> disabled = new HashSet<>();

    private ScriptSecurity(Block globals, boolean reload) {
        this.globals = globals;
        this.security = globals.get(GlobalDefsKeywords.ENABLE_SCRIPT_SECURITY);
        this.reload = reload;
    }

    /** {@code config} without the scripts keepalived would disable (logged); {@code reload}: a SIGHUP's set-up. */
    static KeepalivedConfig apply(KeepalivedConfig config, boolean reload) {
        return new ScriptSecurity(config.globalDefs(), reload).vet(config);
    }

    private KeepalivedConfig vet(KeepalivedConfig config) {
        List<Block> scripts = new ArrayList<>();
        for (Block vs : config.vrrpScripts()) {
            if (vrrpScriptKept(vs)) {
                scripts.add(vs);
            } else {
                disabled.add(vs.name());
            }
        }
        List<Block> instances = new ArrayList<>();
        for (Block vi : config.vrrpInstances()) {
            instances.add(notifies(untrack(vi, VrrpInstanceKeywords.TRACK_SCRIPT), INSTANCE_NOTIFIES));
        }
        List<Block> groups = new ArrayList<>();
        for (Block sg : config.syncGroups()) {
            groups.add(notifies(untrack(sg, SyncGroupKeywords.TRACK_SCRIPT), GROUP_NOTIFIES));
        }
        if (reload && tally.violation(security)) {
            LOG.warn("{}", tally.violationMessage(""));
        }
        Block root = config.root().with(VrrpKeywords.VRRP_SCRIPTS, List.copyOf(scripts))
                .with(VrrpKeywords.VRRP_INSTANCES, List.copyOf(instances))
                .with(VrrpKeywords.VRRP_SYNC_GROUPS, List.copyOf(groups));
        return new KeepalivedConfig(root);
    }

    private boolean vrrpScriptKept(Block vs) {
        NotifyScript s = vs.get(VrrpScriptKeywords.SCRIPT);
        if (s == null || s.argv().isEmpty()) {
            return true; // not runnable anyway; TrackScripts ignores it
        }
        String user = vs.get(VrrpScriptKeywords.USER);
        if (ScriptCheck.defaultUserRefused(user, globals)) {
            LOG.error("{} Unable to set default user for vrrp script {} - removing", vs.origin(), vs.name());
            return false;
        }
        ScriptCheck.Status st = vetted(s.argv().get(0), user, vs.get(VrrpScriptKeywords.GROUP));
        if (st == ScriptCheck.Status.NOT_FOUND) {
            if (reload) {
                LOG.error("Disabling track script {} since not found/accessible", vs.name());
            }
            return false;
        }
        if (!st.kept(security)) {
            if (reload) {
                LOG.error("Disabling track script {} due to insecure", vs.name());
            }
            return false;
        }
        return true;
    }

    /** The block without its track_script entries that name a disabled vrrp_script. */
    private Block untrack(Block b, Key<List<TrackRef>> key) {
        List<TrackRef> refs = b.get(key);
        if (refs == null || refs.stream().noneMatch(r -> disabled.contains(r.name()))) {
            return b;
        }
        return b.with(key, refs.stream().filter(r -> !disabled.contains(r.name())).toList());
    }

    private Block notifies(Block b, List<Key<NotifyScript>> keys) {
        Block out = b;
        for (Key<NotifyScript> k : keys) {
            NotifyScript ns = b.get(k);
            if (ns == null || ns.argv().isEmpty()) {
                continue;
            }
            if (ScriptCheck.defaultUserRefused(ns.user(), globals)) {
                LOG.error("Failed to set default user for notify script {} - ignoring", ns.argv().get(0));
                out = out.with(k, null);
                continue;
            }
            if (!vetted(ns.argv().get(0), ns.user(), ns.group()).kept(security)) {
                out = out.with(k, null);
            }
        }
        return out;
    }

    /** Vets one script use, logging as keepalived does for every use (not once per file). */
    private ScriptCheck.Status vetted(String command, String user, String group) {
        ScriptCheck.Status st = ScriptCheck.check(command, user, group, globals);
        tally.add(st);
        if (st == ScriptCheck.Status.NOT_FOUND) {
            String why = command.indexOf('/') >= 0 && Files.exists(Path.of(command)) ? "Permission denied"
                    : "No such file or directory";
            LOG.error("Script {} cannot be accessed - {}", command, why);
        } else if (st == ScriptCheck.Status.INSECURE) {
            LOG.warn("Unsafe permissions found for script '{}'{}", command, security ? " - disabling." : ".");
        }
        return st;
    }
}
