package keepalived.config.vrrp;

import java.util.List;
import keepalived.config.Key;
import keepalived.config.Schema;

/** Keyword table of {@code vrrp_sync_group NAME { }}: instances that change state together. */
public final class SyncGroupKeywords {
    private SyncGroupKeywords() {
    }

    /** The member instance names, as written in {@code group { }}. */
    public static final Key<List<String>> GROUP = Key.of("group", List.of());
    public static final Key<List<TrackRef>> TRACK_INTERFACE = Key.of("track_interface", List.of());
    public static final Key<List<TrackRef>> TRACK_SCRIPT = Key.of("track_script", List.of());
    public static final Key<List<TrackRef>> TRACK_FILE = Key.of("track_file", List.of());
    public static final Key<List<TrackRef>> TRACK_PROCESS = Key.of("track_process", List.of());
    public static final Key<List<TrackRef>> TRACK_BFD = Key.of("track_bfd", List.of());
    public static final Key<NotifyScript> NOTIFY_MASTER = Key.of("notify_master");
    public static final Key<NotifyScript> NOTIFY_BACKUP = Key.of("notify_backup");
    public static final Key<NotifyScript> NOTIFY_FAULT = Key.of("notify_fault");
    public static final Key<NotifyScript> NOTIFY_STOP = Key.of("notify_stop");
    public static final Key<NotifyScript> NOTIFY = Key.of("notify");
    public static final Key<Boolean> SMTP_ALERT = Key.of("smtp_alert");
    public static final Key<Boolean> NOTIFY_PRIORITY_CHANGES = Key.of("notify_priority_changes");
    /** Weighted trackers of members count (global_tracking / sync_group_tracking_weight). */
    public static final Key<Boolean> TRACKING_WEIGHT = Key.of("sync_group_tracking_weight", false);

    public static final Schema SCHEMA = new Schema("vrrp_sync_group");

    static {
        SCHEMA.listCustom("group", GROUP, (b, a) -> {
            for (String w : a.words()) {
                b.add(GROUP, w, a.origin());
            }
        }).doc("member vrrp_instance names");
        TrackList.INTERFACE.declare(SCHEMA, TRACK_INTERFACE);
        TrackList.SCRIPT.declare(SCHEMA, TRACK_SCRIPT);
        TrackList.FILE.declare(SCHEMA, TRACK_FILE);
        TrackList.PROCESS.declare(SCHEMA, TRACK_PROCESS);
        TrackList.BFD.declare(SCHEMA, TRACK_BFD);
        notify("notify_master", NOTIFY_MASTER);
        notify("notify_backup", NOTIFY_BACKUP);
        notify("notify_fault", NOTIFY_FAULT);
        notify("notify_stop", NOTIFY_STOP);
        notify("notify", NOTIFY);
        SCHEMA.custom("smtp_alert", (b, a) -> {
            Boolean v = bool(a.word(1));
            if (v == null) {
                a.error("Invalid vrrp_group smtp_alert parameter " + a.word(1));
            } else {
                b.set(SMTP_ALERT, v, a.origin());
            }
        }).doc("[BOOL] e-mail on state changes");
        SCHEMA.custom("notify_priority_changes", (b, a) -> {
            Boolean v = bool(a.word(1));
            if (v == null) {
                a.error("(" + b.name() + ") Invalid value '" + a.word(1) + "' for sync group notify_priority_changes specified");
            } else {
                b.set(NOTIFY_PRIORITY_CHANGES, v, a.origin());
            }
        }).doc("[BOOL] FIFO lines on priority changes");
        SCHEMA.custom("global_tracking", (b, a) -> {
            a.error("(" + b.name() + ") global_tracking is deprecated. Use track_interface/script/file on the sync group");
            b.set(TRACKING_WEIGHT, true, a.origin());
        }).replacedBy("sync_group_tracking_weight");
        SCHEMA.bareFlag("sync_group_tracking_weight", TRACKING_WEIGHT).doc("honour weighted trackers of members");
    }

    private static void notify(String word, Key<NotifyScript> key) {
        SCHEMA.custom(word, (b, a) -> {
            NotifyScript.requireCommand(a);
            if (b.isSet(key)) {
                a.error("vrrp group " + b.name() + ": " + word + " script already specified - ignoring " + a.word(1));
                return;
            }
            NotifyScript s = NotifyScript.parse(a);
            if (s != null) {
                b.set(key, s, a.origin());
            }
        }).doc("SCRIPT [USER [GROUP]]");
    }

    /** keepalived's optional boolean: absent = true, null when not a boolean word. */
    static Boolean bool(String w) {
        if (w == null) {
            return Boolean.TRUE;
        }
        return switch (w.toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "yes" -> Boolean.TRUE;
            case "off", "false", "no" -> Boolean.FALSE;
            default -> null;
        };
    }

    // What keepalived-vrrp honours today (docs/compatibility.md); the rest is parsed and planned.
    static {
        SCHEMA.implemented("group", "notify", "notify_master", "notify_backup", "notify_fault", "smtp_alert");
        // keepalived.vrrp.SyncGroupTracking and the daemon's stop
        SCHEMA.implemented("track_interface", "track_script", "track_file", "track_process", "notify_stop",
                "notify_priority_changes", "global_tracking", "sync_group_tracking_weight");
    }
}
