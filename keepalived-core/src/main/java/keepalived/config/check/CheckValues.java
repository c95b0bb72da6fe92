package keepalived.config.check;

import keepalived.config.Values;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import keepalived.config.Args;
import keepalived.config.global.ShellWords;
import keepalived.config.Origin;
import keepalived.config.Problems;
import keepalived.config.Severity;

/** Value readers shared by the checker tables: timers, IP literals, script command lines. */
public final class CheckValues {
    private CheckValues() {
    }

    /** Largest delay_loop keepalived accepts, in microseconds (its unsigned long limit - 1). */
    public static final BigDecimal MAX_LONG_TIMER = new BigDecimal("18446744073709551614");
    /** Largest connect_timeout, in microseconds (unsigned int). */
    public static final BigDecimal MAX_INT_TIMER = new BigDecimal("4294967295");

    /**
     * A timer in seconds (6 decimals) in [minMicros, maxMicros], returned in microseconds;
     * keepalived prints the range in seconds with 6 decimals. Null (reported) when invalid.
     */
    public static Long timer(Args a, int i, long minMicros, BigDecimal maxMicros) {
        String w = a.required(i);
        BigDecimal v = decimal(w);
        if (v == null) {
            a.report(Severity.INVALID_NUMBER, "invalid number '" + w + "'");
            return null;
        }
        BigDecimal micros = v.movePointRight(6);
        if (micros.compareTo(BigDecimal.valueOf(minMicros)) < 0 || micros.compareTo(maxMicros) > 0) {
            a.report(Severity.INVALID_NUMBER, "number '" + w + "' outside range ["
                    + BigDecimal.valueOf(minMicros).movePointLeft(6).toPlainString() + ", "
                    + maxMicros.movePointLeft(6).toPlainString() + "]");
            return null;
        }
        return micros.min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue();
    }

    /** A decimal with {@code scale} decimals in [min, max] (range printed with that scale). */
    public static BigDecimal decimal(Args a, int i, BigDecimal min, BigDecimal max, int scale) {
        String w = a.required(i);
        BigDecimal v = decimal(w);
        if (v == null) {
            a.report(Severity.INVALID_NUMBER, "invalid number '" + w + "'");
            return null;
        }
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            a.report(Severity.INVALID_NUMBER, "number '" + w + "' outside range ["
                    + min.setScale(scale).toPlainString() + ", " + max.setScale(scale).toPlainString() + "]");
            return null;
        }
        return v;
    }

    private static BigDecimal decimal(String w) {
        if (!Values.isDecimal(w)) {
            return null;
        }
        return new BigDecimal(w);
    }

    /** An integer word checked silently (null when not an integer in [min, max]). */
    public static Long quietInteger(String w, long min, long max) {
        if (w == null || !Values.isInteger(w) || w.length() > 20) {
            return null;
        }
        try {
            long v = Long.parseLong(w.startsWith("+") ? w.substring(1) : w);
            return v < min || v > max ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An IPv4 or IPv6 literal (never a host name), or null. */
    public static InetAddress ip(String w) {
        if (w == null || w.isEmpty()) {
            return null;
        }
        if (w.indexOf(':') < 0) {
            String[] parts = w.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (!Values.isDigits(parts[i], 3) || Integer.parseInt(parts[i]) > 255) {
                    return null;
                }
                b[i] = (byte) Integer.parseInt(parts[i]);
            }
            return byAddress(b);
        }
        if (!w.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(w);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static InetAddress byAddress(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True for an IPv6 link-local address (needs an interface to be reachable). */
    public static boolean isLinkLocal(InetAddress a) {
        return a != null && a.getAddress().length == 16 && a.isLinkLocalAddress();
    }

    /**
     * A script keyword's command line: the raw text after the keyword and its argv; null (and
     * reported) when a quote is left open, as keepalived then drops the script.
     */
    public static ScriptCommand script(Args a) {
        List<String> words = ShellWords.splitChecked(a.line().text(), a.origin(), a.problems());
        if (words == null
                || (words.size() > 1 && ShellWords.splitChecked(words.get(1), a.origin(), a.problems()) == null)) {
            return null;
        }
        String raw = a.line().rest();
        // the usual form quotes the whole command line: split what is inside the quotes
        String cmd = raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"") && !raw.endsWith("\\\"")
                ? raw.substring(1, raw.length() - 1) : raw;
        return new ScriptCommand(raw, splitCommand(cmd), a.origin());
    }

    /**
     * keepalived reads a script keyword's raw line, so only a keyword with nothing at all after
     * it is "missing a parameter" (an unterminated quote that left no token is not).
     */
    public static void requireCommand(Args a) {
        if (a.line().rest().isEmpty()) {
            a.required(1);
        }
    }

    /**
     * Splits a command line as keepalived does for script keywords: white space separates words,
     * single and double quotes group (and are removed), a backslash escapes the next character
     * (with the usual C escapes \n \t \r etc.).
     */
    public static List<String> splitCommand(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0 && c == quote) {
                quote = 0;
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < s.length() && quote != '\'') {
                char n = s.charAt(++i);
                cur.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'a' -> '\u0007';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'v' -> '\u000b';
                    case 'E' -> '\u001b';
                    default -> n;
                });
                inWord = true;
            } else if (quote == 0 && Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return List.copyOf(out);
    }

    /** keepalived's optional boolean with a keyword-specific error ("Invalid X parameter Y"). */
    public static Boolean bool(Args a, String what) {
        if (!a.has(1)) {
            return Boolean.TRUE;
        }
        switch (a.word(1).toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "yes":
                return Boolean.TRUE;
            case "off", "false", "no":
                return Boolean.FALSE;
            default:
                a.error("Invalid " + what + " parameter " + a.word(1));
                return null;
        }
    }

    /** Reports a bare (line-less) error. */
    static void bare(Problems p, String msg) {
        p.error((Origin) null, msg);
    }
}
