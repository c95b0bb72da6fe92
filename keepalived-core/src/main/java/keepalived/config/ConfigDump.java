package keepalived.config;

import java.util.List;
import java.util.Map;

/** Prints a parsed model readably ({@code -d/--dump-conf}): one block per level, key = value. */
public final class ConfigDump {
    private ConfigDump() {
    }

    public static String dump(KeepalivedConfig config) {
        StringBuilder sb = new StringBuilder();
        values(config.root(), 0, sb);
        return sb.toString();
    }

    private static void block(Block b, int depth, StringBuilder sb) {
        indent(depth, sb).append(b).append(" {  ").append(b.origin()).append('\n');
        values(b, depth + 1, sb);
        indent(depth, sb).append("}\n");
    }

    private static void values(Block b, int depth, StringBuilder sb) {
        for (Map.Entry<Key<?>, Object> e : b.values().entrySet()) {
            Object v = e.getValue();
            if (v instanceof Block child) {
                block(child, depth, sb);
            } else if (v instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Block) {
                for (Object o : list) {
                    block((Block) o, depth, sb);
                }
            } else if (v instanceof List<?> list) {
                indent(depth, sb).append(e.getKey().name()).append(" = [").append('\n');
                for (Object o : list) {
                    indent(depth + 1, sb).append(o).append('\n');
                }
                indent(depth, sb).append("]\n");
            } else {
                indent(depth, sb).append(e.getKey().name()).append(" = ").append(v).append('\n');
            }
        }
    }

    private static StringBuilder indent(int depth, StringBuilder sb) {
        return sb.append("  ".repeat(depth));
    }
}
