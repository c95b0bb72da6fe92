package keepalived.vrrp.dump;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of a dump, values masked: what must match between keepalived 2.2.7's file and ours
 * on the same configuration (section headers, keys and their order, indentation).
 */
final class DumpStructure {
    private DumpStructure() {
    }

    /**
     * One line per dump line: {@code  Key = } keeps its key only (values such as times, fds, MACs,
     * link-local addresses legitimately differ); other lines keep their words with numbers masked.
     */
    static String of(String dump) {
        StringBuilder sb = new StringBuilder();
        for (String line : dump.split("\n", -1)) {
            int eq = line.indexOf(" = ");
            String shape;
            if (line.startsWith("------<")) {
                shape = line;
            } else if (line.endsWith(" =")) {
                shape = line + " "; // "DBus service name = " with an empty value
            } else if (eq >= 0) {
                shape = line.substring(0, eq + 3).replaceAll("[0-9]+", "#");
            } else if (line.trim().startsWith("libnftnl version")) {
                // known difference: 2.2.7 prints the libnftnl it was built with; we use none
                shape = line.substring(0, line.indexOf("libnftnl version") + 16);
            } else {
                shape = line.replaceAll("[0-9a-f]*:[0-9a-f:]+", "ADDR").replaceAll("[0-9]+", "#");
            }
            sb.append(shape).append('\n');
        }
        return sb.toString();
    }

    private static final Pattern KEY = Pattern.compile("\"([a-z_0-9]+)\":");

    /** The JSON keys in document order. */
    static List<String> jsonKeys(String json) {
        List<String> keys = new ArrayList<>();
        Matcher m = KEY.matcher(json);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }
}
