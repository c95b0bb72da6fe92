package keepalived.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * keepalived.conf parameters: {@code $NAME=value} definitions and their substitution, as
 * {@code $NAME} (followed by white space or the end of the line) or {@code ${NAME}} anywhere,
 * repeated until nothing changes; undefined names are left as written. Built-ins: {@code _PWD},
 * {@code _INSTANCE}, {@code _RANDOM [MIN [MAX]]}, {@code _ENV VAR}, {@code _HASH}, {@code _BANG}.
 */
final class Definitions {
    private static final int MAX_ROUNDS = 32;
    /** Longest line a substitution may produce (self-referential definitions grow without end). */
    private static final int MAX_SUBSTITUTED = 64 * 1024;

    private final Problems problems;
    private final String configId;
    private final Supplier<Path> currentDir;
    private final Map<String, String> params = new HashMap<>();
    private final Random random = new Random();

    Definitions(Problems problems, String configId, Supplier<Path> currentDir) {
        this.problems = problems;
        this.configId = configId;
        this.currentDir = currentDir;
    }

    void define(String name, String value) {
        params.put(name, value);
    }

    /** Replaces {@code $NAME} (followed by white space or end) and {@code ${NAME}}; repeats. */
    String substitute(String text, Origin origin) {
        String s = text;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String next = substituteOnce(s, origin);
            if (next.equals(s)) {
                return s;
            }
            if (next.length() > MAX_SUBSTITUTED) {
                problems.error(origin, "Parameter substitution on line '" + text + "' would exceed maximum line length");
                return "";
            }
            s = next;
        }
        problems.error(origin, "Recursive parameter definition in '" + text + "'");
        return s;
    }

    private String substituteOnce(String s, Origin origin) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '$' || i + 1 >= s.length()) {
                sb.append(c);
                i++;
                continue;
            }
            if (s.charAt(i + 1) == '{') {
                int end = s.indexOf('}', i + 2);
                if (end > 0) {
                    String value = lookup(s.substring(i + 2, end).strip(), origin);
                    if (value != null) {
                        sb.append(value);
                        i = end + 1;
                        continue;
                    }
                }
                sb.append(c);
                i++;
                continue;
            }
            int j = i + 1;
            if (isNameStart(s.charAt(j))) {
                while (j < s.length() && isNamePart(s.charAt(j))) {
                    j++;
                }
                if (j == s.length() || Character.isWhitespace(s.charAt(j))) {
                    String value = params.get(s.substring(i + 1, j));
                    if (value != null) {
                        sb.append(value);
                        i = j;
                        continue;
                    }
                }
            }
            sb.append(c);
            i++;
        }
        return sb.toString();
    }

    private String lookup(String spec, Origin origin) {
        String name = firstWord(spec);
        String arg = spec.substring(name.length()).strip();
        switch (name) {
            case "_PWD":
                return currentDir.get().toString();
            case "_INSTANCE":
                return configId;
            case "_HASH":
                return "\\#";
            case "_BANG":
                return "\\!";
            case "_ENV":
                String v = System.getenv(arg);
                return v == null ? "" : v;
            case "_RANDOM":
                return Long.toString(randomValue(arg, origin));
            default:
                return params.get(spec);
        }
    }

    private long randomValue(String arg, Origin origin) {
        long min = 0;
        long max = 32767;
        String[] parts = arg.isEmpty() ? new String[0] : arg.split("\\s+");
        try {
            if (parts.length == 1) {
                max = Long.parseLong(parts[0]);
            } else if (parts.length >= 2) {
                min = Long.parseLong(parts[0]);
                max = Long.parseLong(parts[1]);
            }
        } catch (NumberFormatException e) {
            problems.error(origin, "Invalid _RANDOM specification '" + arg + "'");
        }
        if (max < min) {
            long t = max;
            max = min;
            min = t;
        }
        return min + (long) (random.nextDouble() * (max - min + 1));
    }

    static boolean isName(String s) {
        if (s.isEmpty() || !isNameStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isNamePart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }


    private static String firstWord(String s) {
        int i = 0;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return s.substring(0, i);
    }
}
