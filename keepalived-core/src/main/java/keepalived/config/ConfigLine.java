package keepalived.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One logical line after preprocessing: comments stripped, parameters substituted, sequences
 * expanded and the line cut at braces, so a brace is always a line of its own.
 *
 * @param text     the line text (trimmed, never empty)
 * @param copyLine the line's number in the consolidated copy that keepalived's children parse;
 *                 it differs from {@code origin.line()} only after a line longer than
 *                 keepalived's buffer (the copy holds each piece as a line of its own)
 */
public record ConfigLine(Origin origin, String text, int copyLine) {

    public ConfigLine(Origin origin, String text) {
        this(origin, text, origin.line());
    }

    /** This line as keepalived's child processes number it. */
    public ConfigLine asInCopy() {
        return copyLine == origin.line() ? this : new ConfigLine(new Origin(origin.file(), copyLine), text, copyLine);
    }

    public boolean isOpenBrace() {
        return text.length() == 1 && text.charAt(0) == '{';
    }

    public boolean isCloseBrace() {
        return text.length() == 1 && text.charAt(0) == '}';
    }

    /**
     * keepalived's tokenisation: split on white space; a token that starts with a double quote
     * runs to the next double quote (quotes removed, spaces kept); a quote also ends an unquoted
     * token. An unmatched quote is reported and ends the line's words (keepalived drops the rest).
     */
    public List<String> tokens(Problems problems) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int end = text.indexOf('"', i + 1);
                if (end < 0) {
                    problems.report(Severity.UNMATCHED_QUOTE, origin, "Unmatched quote: '" + text + "'");
                    return out;
                }
                out.add(text.substring(i + 1, end));
                i = end + 1;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '"') {
                    i++;
                }
                out.add(text.substring(start, i));
            }
        }
        return out;
    }

    /** The text after the first token (the keyword), trimmed; used by shell-like keywords. */
    public String rest() {
        int i = 0;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return text.substring(i).strip();
    }
}
