package keepalived.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code keepalived --status}'s table, from a {@code keepalived.json} (keepalived 2.2.7's
 * json_version 1 layout, which ours writes too): one row per VRRP instance.
 */
final class StatusTable {
    private static final String[] STATES = {"INIT", "BACKUP", "MASTER", "FAULT"};
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private StatusTable() {
    }

    /** The table for {@code json}; {@code now} and {@code zone} make the "ago" column testable. */
    static String render(String json, Instant now, ZoneId zone) {
        Object parsed = Json.parse(json);
        List<Object> instances = parsed instanceof Map<?, ?> m && m.get("vrrp") instanceof List<?> l
                ? new ArrayList<>(l) // json_version 2
                : parsed instanceof List<?> l2 ? new ArrayList<>(l2) : List.of();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"INSTANCE", "STATE", "INTERFACE", "VRID", "PRIORITY", "VIPS", "LAST TRANSITION"});
        for (Object o : instances) {
            if (!(o instanceof Map<?, ?> inst) || !(inst.get("data") instanceof Map<?, ?> d)) {
                continue;
            }
            String iface = str(d.get("ifp_ifname"));
            String vmac = str(d.get("vmac_ifname"));
            if (!vmac.isEmpty() && !vmac.equals(iface)) {
                iface = iface + " (" + vmac + ")";
            }
            rows.add(new String[] {
                str(d.get("iname")),
                state(d.get("state")),
                iface,
                str(d.get("vrid")),
                str(d.get("base_priority")) + "/" + str(d.get("effective_priority")),
                vips(d.get("vips")),
                transition(d.get("last_transition"), now, zone),
            });
        }
        return format(rows);
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String state(Object code) {
        if (code instanceof Long n && n >= 0 && n < STATES.length) {
            return STATES[n.intValue()];
        }
        return str(code);
    }

    /** The addresses only ("10.99.0.100/24 dev eth0 scope global set" -> "10.99.0.100/24"). */
    private static String vips(Object list) {
        if (!(list instanceof List<?> l) || l.isEmpty()) {
            return "-";
        }
        List<String> out = new ArrayList<>();
        for (Object v : l) {
            String text = str(v);
            int sp = text.indexOf(' ');
            out.add(sp > 0 ? text.substring(0, sp) : text);
        }
        return String.join(",", out);
    }

    private static String transition(Object epoch, Instant now, ZoneId zone) {
        if (!(epoch instanceof Number n)) {
            return "-";
        }
        long micros = Math.round(n.doubleValue() * 1e6);
        Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
        return WHEN.format(at.atZone(zone)) + " (" + ago(now.getEpochSecond() - at.getEpochSecond()) + " ago)";
    }

    static String ago(long seconds) {
        long s = Math.max(0, seconds);
        if (s < 120) {
            return s + "s";
        }
        if (s < 7200) {
            return s / 60 + "m";
        }
        if (s < 172_800) {
            return s / 3600 + "h" + (s % 3600) / 60 + "m";
        }
        return s / 86_400 + "d" + (s % 86_400) / 3600 + "h";
    }

    private static String format(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                line.append(c == cols - 1 ? r[c] : String.format("%-" + width[c] + "s  ", r[c]));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
