package keepalived.config;

import java.math.BigDecimal;
import java.util.Locale;

/** keepalived's number, timer and boolean readers, with its error messages. */
public final class Values {
    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)");
    private static final java.util.regex.Pattern INTEGER = java.util.regex.Pattern.compile("[+-]?\\d+");

    private Values() {
    }

    /** A plain decimal number as keepalived's timers accept ({@code 1}, {@code 1.5}, {@code .5}). */
    public static boolean isDecimal(String w) {
        return DECIMAL.matcher(w).matches();
    }

    /** Optional sign and digits only. */
    public static boolean isInteger(String w) {
        return INTEGER.matcher(w).matches();
    }

    /** Digits only, at most {@code maxDigits} of them. */
    public static boolean isDigits(String w, int maxDigits) {
        if (w.isEmpty() || w.length() > maxDigits) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads an integer the way keepalived's {@code read_int_strvec}/{@code read_unsigned_strvec}
     * do: reports {@code invalid number 'x'}, {@code negative number '-1'} (for unsigned
     * ranges) or {@code number 'n' outside range [min, max]}; returns null on error.
     */
    public static Long integer(String word, long min, long max, Origin origin, Problems problems) {
        long v;
        try {
            v = Long.parseLong(word.startsWith("+") ? word.substring(1) : word);
        } catch (NumberFormatException e) {
            if (isInteger(word) && !word.startsWith("+")) {
                problems.report(Severity.INVALID_NUMBER, origin, "number '" + word + "' outside "
                        + (min >= 0 ? "unsigned " : "") + "integer range");
            } else {
                problems.report(Severity.INVALID_NUMBER, origin, "invalid number '" + word + "'");
            }
            return null;
        }
        if (min >= 0 && v < 0) {
            problems.report(Severity.INVALID_NUMBER, origin, "negative number '" + word + "'");
            return null;
        }
        if (min >= 0 && max >= 0xFFFFFFFFL && v > 0xFFFFFFFFL) {
            problems.report(Severity.INVALID_NUMBER, origin, "number '" + word + "' outside unsigned integer range");
            return null;
        }
        if (v < min || v > max) {
            problems.report(Severity.INVALID_NUMBER, origin, "number '" + word + "' outside range [" + min + ", " + max + "]");
            return null;
        }
        return v;
    }

    /** Reads a decimal (timers: seconds with up to 6 decimals); null on error. */
    public static Double decimal(String word, double min, double max, Origin origin, Problems problems) {
        double v;
        try {
            if (!isDecimal(word)) {
                throw new NumberFormatException();
            }
            v = new BigDecimal(word).doubleValue();
        } catch (NumberFormatException e) {
            problems.report(Severity.INVALID_NUMBER, origin, "invalid number '" + word + "'");
            return null;
        }
        if (v < min || v > max) {
            problems.report(Severity.INVALID_NUMBER, origin, String.format(Locale.ROOT,
                    "number '%s' outside range [%f, %f]", word, min, max));
            return null;
        }
        return v;
    }

    /** on/off/true/false/yes/no, case-sensitive as keepalived's; null with an error otherwise. */
    public static Boolean bool(String word, Origin origin, Problems problems) {
        switch (word) {
            case "on", "true", "yes":
                return Boolean.TRUE;
            case "off", "false", "no":
                return Boolean.FALSE;
            default:
                problems.error(origin, "Invalid boolean '" + word + "'");
                return null;
        }
    }
}
