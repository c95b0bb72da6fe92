package keepalived.config.global;

import java.math.BigDecimal;
import java.util.Locale;
import keepalived.config.Args;
import keepalived.config.Severity;
import keepalived.config.Values;

/** keepalived's global_defs readers where they differ from the shared ones (wording, case). */
final class GlobalArgs {
    private GlobalArgs() {
    }

    static final long UINT_MAX = 0xFFFFFFFFL;

    /**
     * keepalived's true/false words; unlike {@link Values#bool} they are case-sensitive
     * ({@code ON} is rejected by 2.2.7). Null when the word is not one of them.
     */
    static Boolean boolWord(String w) {
        return switch (w) {
            case "on", "true", "yes" -> Boolean.TRUE;
            case "off", "false", "no" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** An optional boolean (absent = true); on a bad word reports {@code message} and returns null. */
    static Boolean optionalBool(Args a, String message) {
        if (!a.has(1)) {
            return Boolean.TRUE;
        }
        Boolean b = boolWord(a.word(1));
        if (b == null) {
            a.error(message);
        }
        return b;
    }

    /** Integer word {@code i} in [min, max]; keepalived's generic message on error, then null. */
    static Long integer(Args a, int i, long min, long max) {
        String w = a.word(i);
        if (min == Integer.MIN_VALUE && Values.isInteger(w) && outsideInt(w)) {
            a.report(Severity.INVALID_NUMBER, "number '" + w + "' outside integer range");
            return null;
        }
        return Values.integer(w, min, max, a.origin(), a.problems());
    }

    private static boolean outsideInt(String w) {
        BigDecimal v = new BigDecimal(w.startsWith("+") ? w.substring(1) : w);
        return v.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0
                || v.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0;
    }

    /**
     * Decimal seconds word {@code i} in [min, max] (microsecond resolution) as keepalived's
     * timer reader reports it: too many decimals is reported and rounded, negatives have their
     * own message. Returns microseconds or null.
     */
    static Long seconds(Args a, int i, double min, double max) {
        String w = a.word(i);
        if (!Values.isDecimal(w)) {
            a.report(Severity.INVALID_NUMBER, "invalid number '" + w + "'");
            return null;
        }
        BigDecimal v = new BigDecimal(w);
        if (v.signum() < 0 && min >= 0) {
            a.report(Severity.INVALID_NUMBER, "negative number '" + w + "'");
            return null;
        }
        if (v.scale() > 6) {
            a.report(Severity.INVALID_NUMBER, "number '" + w + "' has too many decimal places");
        }
        long micros = v.movePointRight(6).setScale(0, java.math.RoundingMode.HALF_UP).longValue();
        if (micros < Math.round(min * 1e6) || micros > Math.round(max * 1e6)) {
            a.report(Severity.INVALID_NUMBER, String.format(Locale.ROOT,
                    "number '%s' outside range [%f, %f]", w, min, max));
            return null;
        }
        return micros;
    }
}
