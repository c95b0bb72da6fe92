package keepalived.config.global;

import java.util.ArrayList;
import java.util.List;
import keepalived.config.Origin;
import keepalived.config.Problems;

/**
 * keepalived's re-tokenisation of script lines: white space separates words, single and double
 * quotes group (and are removed), and backslash escapes ({@code \n \t \x41 \101 \cC}, {@code \C}
 * for any other C) are decoded outside single quotes. Script keywords are split twice: the line
 * into words, then the first word (the command) into its argv. Shared by the VRRP and checker
 * script keywords.
 */
public final class ShellWords {
    private ShellWords() {
    }

    /** Splits leniently: an unterminated quote runs to the end of the text. */
    public static List<String> split(String text) {
        return split(text, new char[1]);
    }

    /**
     * Splits as keepalived does for a script keyword; an unterminated quote is reported
     * ({@code String 'TEXT': missing terminating "}) and the result is null, the script being
     * dropped. A quote that is the very last character is not reported (it opens nothing).
     */
    public static List<String> splitChecked(String text, Origin origin, Problems problems) {
        char[] unterminated = new char[1];
        List<String> words = split(text, unterminated);
        if (unterminated[0] != 0) {
            problems.error(origin, "String '" + text + "': missing terminating " + unterminated[0]);
            return null;
        }
        return words;
    }

    private static List<String> split(String text, char[] unterminated) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
                i++;
                continue;
            }
            if (cur == null) {
                cur = new StringBuilder();
            }
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    unterminated[0] = i + 1 < n ? '\'' : 0;
                    end = n;
                }
                cur.append(text, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                int start = i;
                i++;
                while (i < n && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i = escape(text, i + 1, cur);
                    } else {
                        cur.append(text.charAt(i++));
                    }
                }
                if (i >= n && i > start + 1) {
                    unterminated[0] = '"';
                }
                i++;
            } else if (c == '\\' && i + 1 < n) {
                i = escape(text, i + 1, cur);
            } else {
                cur.append(c);
                i++;
            }
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }

    /** Decodes the escape whose letter is at {@code i}; returns the index after it. */
    private static int escape(String s, int i, StringBuilder out) {
        char c = s.charAt(i);
        switch (c) {
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'E' -> out.append('\u001b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000b');
            case 'x' -> {
                int j = i + 1;
                int v = 0;
                while (j < s.length() && j < i + 3 && Character.digit(s.charAt(j), 16) >= 0) {
                    v = v * 16 + Character.digit(s.charAt(j++), 16);
                }
                if (j == i + 1) {
                    out.append('x');
                    return i + 1;
                }
                out.append((char) v);
                return j;
            }
            case 'c' -> {
                if (i + 1 < s.length()) {
                    out.append((char) (Character.toUpperCase(s.charAt(i + 1)) ^ 0x40));
                    return i + 2;
                }
                out.append('c');
            }
            default -> {
                if (c >= '0' && c <= '7') {
                    int j = i;
                    int v = 0;
                    while (j < s.length() && j < i + 3 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                        v = v * 8 + (s.charAt(j++) - '0');
                    }
                    out.append((char) (v & 0xff));
                    return j;
                }
                out.append(c);
            }
        }
        return i + 1;
    }
}
