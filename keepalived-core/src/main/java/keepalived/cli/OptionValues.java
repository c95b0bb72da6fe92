package keepalived.cli;

/** Parsing of the option values keepalived checks itself (it warns and carries on when bad). */
final class OptionValues {
    private OptionValues() {
    }

    /** Syslog facility code for {@code -S}: 0-7 (LOG_LOCAL0-7), local0-7, user or daemon; null if invalid. */
    static Integer facility(String v) {
        if (v.matches("[0-9]+")) {
            int n = Integer.parseInt(v.length() > 3 ? "99" : v);
            return n <= 7 ? 16 + n : null;
        }
        if (v.matches("local[0-7]")) {
            return 16 + (v.charAt(5) - '0');
        }
        return switch (v) {
            case "user" -> 1;
            case "daemon" -> Options.LOG_DAEMON;
            default -> null;
        };
    }

    /** A umask in C's numeric notation (0x.. hex, 0.. octal, else decimal) up to 0777; null if invalid. */
    static Integer umask(String v) {
        try {
            long n;
            if (v.startsWith("0x") || v.startsWith("0X")) {
                n = Long.parseLong(v.substring(2), 16);
            } else if (v.startsWith("0") && v.length() > 1) {
                n = Long.parseLong(v.substring(1), 8);
            } else {
                n = Long.parseLong(v);
            }
            return n >= 0 && n <= 0777 && !v.startsWith("+") && !v.startsWith("-") ? (int) n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
