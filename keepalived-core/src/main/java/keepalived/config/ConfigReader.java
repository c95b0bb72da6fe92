package keepalived.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The preprocessor of keepalived.conf: turns files into {@link ConfigLine}s the way keepalived
 * 2.2.7 reads them. It strips comments ({@code #} and {@code !} outside double quotes), follows
 * {@code include} globs relative to the including file, keeps or drops {@code @id} / {@code @^id}
 * lines, defines and substitutes {@code $NAME} parameters (with {@code \} continued multi-line
 * definitions and built-ins such as {@code ${_PWD}}), expands {@code ~SEQ} / {@code ~SEQx} /
 * {@code ~LST} prefixes, and finally cuts each line before every brace that is not quoted.
 * Problems are reported with their origin; nothing here throws on bad input.
 */
public final class ConfigReader {
    /** keepalived's MAXBUF: longer lines are reported and ignored. */
    static final int MAX_LINE = 1024;
    private static final int MAX_INCLUDE_DEPTH = 32;
    private static final int MAX_EXPANSION_DEPTH = 32;
    private static final long MAX_SEQUENCE = 200_000;
    /** Lines one source line may expand to (parameters, sequences), so nothing can blow up. */
    private static final int EXPANSION_BUDGET = 200_000;

    private static final Pattern DEFINITION = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)=(.*)", Pattern.DOTALL);
    private static final Pattern SEQUENCE = Pattern.compile("~(SEQx?|LST)\\((.*?)\\)\\s*(.*)", Pattern.DOTALL);

    private final Problems problems;
    private final String configId;
    private final boolean includeCheckAll;
    private final Definitions definitions;
    private final Deque<Path> including = new ArrayDeque<>();
    private LineBuffer out = new LineBuffer();
    private Path currentDir = Path.of(".");
    /** Lexical brace balance, counted as keepalived's reader does (not by block structure). */
    private int blockDepth;
    private int budget;
    /** Number, in keepalived's consolidated copy, of the line being processed. */
    private int copyLine;
    private boolean budgetReported;

    /**
     * @param configId        the id that {@code @id} lines are matched against ({@code -i})
     * @param includeCheckAll {@code -e}: a missing include is an error
     */
    public ConfigReader(Problems problems, String configId, boolean includeCheckAll) {
        this.problems = problems;
        this.configId = configId;
        this.definitions = new Definitions(problems, configId, () -> currentDir);
        this.includeCheckAll = includeCheckAll;
    }

    /** Reads {@code file} (a path or glob, as given to {@code -f}) and everything it includes. */
    public List<ConfigLine> read(String file) {
        LineBuffer lines = new LineBuffer();
        readInto(file, lines);
        return lines.toList();
    }

    /** As {@link #read(String)}, appending to {@code lines}, which parse passes may read meanwhile. */
    public void readInto(String file, LineBuffer lines) {
        this.out = lines;
        try {
            readMain(file);
        } finally {
            lines.finish();
        }
    }

    private void readMain(String file) {
        List<Path> matches = ConfigFiles.glob(Path.of("."), file);
        if (matches.isEmpty()) {
            // keepalived 2.2.7 prints this and exits 0 from -t; we count it, so that
            // "keepalived -t && reload" cannot pass on a mistyped path (see docs/compatibility.md).
            problems.report(Severity.FILE_NOT_FOUND, null, "Config files missing '" + file + "'.");
            return;
        }
        if (matches.size() > 1) {
            problems.warning(null, "WARNING, multiple configuration file matches of " + file
                    + ", starting with " + matches.get(0));
        }
        readFile(matches.get(0), file, null);
    }

    /** Unclosed braces at end of input ({@code There are N missing '}'s or extra '{'s}). */
    public int unclosedBraces() {
        return blockDepth;
    }

    private void readFile(Path path, String name, Origin includedFrom) {
        // keepalived prints these but carries on with status unchanged (2.2.7 exits 0).
        if (Files.isDirectory(path)) {
            problems.notice(includedFrom, "Configuration file '" + name + "/' is a directory - skipping");
            return;
        }
        if (!ConfigFiles.isRegularNonExecutable(path)) {
            problems.notice(includedFrom, "Configuration file '" + name + "' is not a regular non-executable file - skipping");
            return;
        }
        Path real;
        byte[] bytes;
        try {
            real = path.toRealPath();
            bytes = Files.readAllBytes(path);
        } catch (IOException | SecurityException e) {
            problems.report(Severity.FILE_NOT_FOUND, includedFrom, "Unable to open configuration file '" + name + "' - " + reason(e));
            return;
        }
        // keepalived recurses until it runs out of file descriptors; we stop at the loop.
        if (including.contains(real) || including.size() >= MAX_INCLUDE_DEPTH) {
            problems.notice(includedFrom, "Configuration file '" + name + "' open problem (include loop) - skipping");
            return;
        }
        Path savedDir = currentDir;
        int savedCopyLine = copyLine;
        including.push(real);
        currentDir = real.getParent() == null ? Path.of("/") : real.getParent();
        try {
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
            StringBuilder definition = null;
            String definitionName = null;
            Origin definitionOrigin = null;
            int lineShift = 0;
            int copyShift = 0;
            for (int i = 0; i < lines.length; i++) {
                if (i == lines.length - 1 && lines[i].isEmpty()) {
                    break;
                }
                budget = EXPANSION_BUDGET;
                budgetReported = false;
                copyLine = i + 1 + copyShift;
                String raw = lines[i];
                Origin origin = new Origin(name, i + 1 - lineShift);
                int nul = raw.indexOf('\0');
                if (nul >= 0) {
                    // fgets + strlen: the text stops at the NUL, and as that line "has no
                    // newline" keepalived does not count it, so later lines number one lower.
                    raw = raw.substring(0, nul);
                    origin = new Origin(name, Math.max(1, i - lineShift));
                    lineShift++;
                }
                if (raw.endsWith("\r")) {
                    raw = raw.substring(0, raw.length() - 1);
                }
                if (raw.length() >= MAX_LINE) {
                    // keepalived reads with fgets(MAXBUF): a long line arrives in pieces, and
                    // only the last piece (which holds the newline) advances the line count.
                    Origin before = new Origin(name, Math.max(1, origin.line() - 1));
                    // The children parse the parent's copy, which holds each piece as a line.
                    for (int at = 0; at < raw.length(); at += MAX_LINE - 1) {
                        int end = Math.min(raw.length(), at + MAX_LINE - 1);
                        process(decomment(raw.substring(at, end), origin), end == raw.length() ? origin : before, 0);
                        if (end < raw.length()) {
                            copyLine++;
                            copyShift++;
                        }
                    }
                    continue;
                }
                if (definition != null) {
                    String text = decomment(raw, origin).strip();
                    boolean more = text.endsWith("\\");
                    if (more) {
                        text = text.substring(0, text.length() - 1).strip();
                    }
                    definition.append('\n').append(text);
                    if (!more) {
                        definitions.define(definitionName, definition.toString());
                        definition = null;
                    }
                    continue;
                }
                String text = decomment(raw, origin).strip();
                Matcher def = text.startsWith("$") ? DEFINITION.matcher(text) : null;
                if (def != null && def.matches() && def.group(2).strip().endsWith("\\")) {
                    String first = def.group(2).strip();
                    definitionName = def.group(1);
                    definitionOrigin = origin;
                    definition = new StringBuilder(first.substring(0, first.length() - 1).strip());
                    continue;
                }
                process(text, origin, 0);
            }
            if (definition != null) {
                definitions.define(definitionName, definition.toString());
                problems.warning(definitionOrigin, "Definition of $" + definitionName + " continues past end of file");
            }
        } finally {
            including.pop();
            currentDir = savedDir;
            copyLine = savedCopyLine;
        }
    }

    /** One decommented line: include, conditional, definition, substitution, sequence, braces. */
    private void process(String text, Origin origin, int depth) {
        text = text.strip();
        if (text.isEmpty()) {
            return;
        }
        if (--budget < 0) {
            if (!budgetReported) {
                budgetReported = true;
                problems.error(origin, "Parameter or sequence expansion produces too many lines - ignoring the rest");
            }
            return;
        }
        if (depth > MAX_EXPANSION_DEPTH) {
            problems.error(origin, "Parameter or sequence expansion nested too deeply - ignoring '" + text + "'");
            return;
        }
        if (text.startsWith("include")) {
            String first = firstWord(text);
            // a bare "include" is not an include: keepalived reports it as an unknown keyword
            if (isIncludeKeyword(first) && first.length() < text.length()) {
                include(first, text.substring(first.length()).strip(), origin);
                return;
            }
        }
        if (text.startsWith("@")) {
            boolean negate = text.startsWith("@^");
            String rest = text.substring(negate ? 2 : 1);
            String id = firstWord(rest);
            boolean match = id.equals(configId);
            if (match == negate) {
                return;
            }
            process(rest.substring(id.length()), origin, depth + 1);
            return;
        }
        if (text.startsWith("$")) {
            Matcher def = DEFINITION.matcher(text);
            if (def.matches()) {
                definitions.define(def.group(1), def.group(2).strip());
                return;
            }
        }
        if (text.startsWith("~SEQ") || text.startsWith("~LST")) {
            expandSequence(text, origin, depth);
            return;
        }
        if (text.indexOf('$') >= 0) {
            String substituted = definitions.substitute(text, origin);
            if (!substituted.equals(text)) {
                for (String line : substituted.split("\n")) {
                    process(decomment(line, origin), origin, depth + 1);
                }
                return;
            }
        }
        splitBraces(text, origin);
    }

    private static boolean isIncludeKeyword(String w) {
        return switch (w) {
            case "include", "includer", "includem", "includew", "includeb", "includea" -> true;
            default -> false;
        };
    }

    private void include(String keyword, String args, Origin origin) {
        List<String> patterns = new ConfigLine(origin, args).tokens(problems);
        // includem / includew / includea (and -e) insist that a pattern matches: 2.2.7 prints the
        // same note as for a plain include but ends -t with status 6, which keepalived's
        // status ordering gives to its highest class; plain include, includer and includeb
        // just note a missing named file.
        boolean mustMatch = includeCheckAll || keyword.equals("includem") || keyword.equals("includew")
                || keyword.equals("includea");
        for (String pattern : patterns) {
            List<Path> files = ConfigFiles.glob(currentDir, pattern);
            if (files.isEmpty() && mustMatch) {
                problems.report(Severity.SECURITY, origin, "Config files missing '" + pattern + "'.");
            } else if (files.isEmpty() && !ConfigFiles.hasGlob(pattern)) {
                // a glob that matches nothing is silent; a named file that is missing is noted
                problems.notice(origin, "Config files missing '" + pattern + "'.");
            }
            for (Path f : files) {
                String shown = Path.of(pattern).isAbsolute() ? f.toString() : currentDir.relativize(f).toString();
                readFile(f, shown, origin);
            }
        }
    }

    /**
     * keepalived's {@code decomment}: cuts a comment ({@code #} or {@code !} outside double
     * quotes), turns {@code \#} / {@code \!} outside quotes into the character, leaves other
     * backslash pairs alone (so {@code \"} does not toggle quoting), keeps a trailing
     * {@code \} (it marks a continued definition), and reports an unterminated quote.
     */
    String decomment(String line, Origin origin) {
        if (!hasCommentOrQuote(line)) {
            return line;
        }
        StringBuilder sb = new StringBuilder(line.length());
        boolean quoted = false;
        int cut = -1;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (cut < 0) {
                    quoted = !quoted;
                }
            } else if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(i + 1);
                if (!quoted && (next == '#' || next == '!')) {
                    sb.append(next);
                } else {
                    sb.append(c).append(next);
                }
                i++;
                continue;
            } else if (!quoted && cut < 0 && (c == '#' || c == '!')) {
                cut = sb.length();
            }
            sb.append(c);
        }
        if (quoted) {
            problems.error(origin, "Unterminated quote '" + line.strip() + "'");
        }
        return cut < 0 ? sb.toString() : sb.substring(0, cut);
    }

    /** Expands a {@code ~SEQ(var, [start,] [step,] end)} or {@code ~LST(var, v...)} prefix. */
    private void expandSequence(String text, Origin origin, int depth) {
        Matcher m = SEQUENCE.matcher(text);
        if (!m.matches()) {
            problems.error(origin, "Invalid ~SEQ specification '" + text + "'");
            return;
        }
        String kind = m.group(1);
        String rest = m.group(3);
        String spec = m.group(2).indexOf('$') >= 0 ? definitions.substitute(m.group(2), origin) : m.group(2);
        List<String> args = splitTopLevel(spec);
        if (kind.equals("LST")) {
            expandList(args, rest, text, origin, depth);
            return;
        }
        long start = 1;
        long step = 1;
        long end;
        try {
            if (args.size() == 2) {
                end = Long.parseLong(args.get(1));
                if (end < start) {
                    start = end < 0 ? -1 : 0;
                    step = -1;
                }
            } else if (args.size() == 3) {
                start = Long.parseLong(args.get(1));
                end = Long.parseLong(args.get(2));
                step = end >= start ? 1 : -1;
            } else if (args.size() == 4) {
                start = Long.parseLong(args.get(1));
                step = Long.parseLong(args.get(2));
                end = Long.parseLong(args.get(3));
            } else {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            problems.error(origin, "Invalid ~SEQ specification '" + text + "'");
            return;
        }
        String var = args.get(0);
        if (step == 0 || (step > 0 && end < start) || (step < 0 && end > start) || !Definitions.isName(var)
                || Math.abs((end - start) / step) > MAX_SEQUENCE) {
            problems.error(origin, "Invalid ~SEQ specification '" + text + "'");
            return;
        }
        // Like keepalived, each value is set as the definition $var (still set afterwards) and
        // the rest of the line goes through the normal substitution rules.
        for (long v = start; step > 0 ? v <= end : v >= end; v += step) {
            definitions.define(var, kind.equals("SEQx") ? Long.toHexString(v) : Long.toString(v));
            process(rest, origin, depth + 1);
            if (budget < 0) {
                return;
            }
        }
    }

    private void expandList(List<String> args, String rest, String text, Origin origin, int depth) {
        if (args.size() < 2) {
            problems.error(origin, "Invalid ~LST specification '" + text + "'");
            return;
        }
        List<String> vars = braceList(args.get(0));
        for (String v : vars) {
            if (!Definitions.isName(v)) {
                problems.error(origin, "Invalid ~LST specification '" + text + "'");
                return;
            }
        }
        for (String valueSpec : args.subList(1, args.size())) {
            List<String> values = vars.size() == 1 ? List.of(valueSpec) : braceList(valueSpec);
            for (int i = 0; i < vars.size(); i++) {
                definitions.define(vars.get(i), i < values.size() ? values.get(i) : "");
            }
            process(rest, origin, depth + 1);
            if (budget < 0) {
                return;
            }
        }
    }

    private static List<String> braceList(String s) {
        String t = s.strip();
        if (t.startsWith("{") && t.endsWith("}")) {
            return splitTopLevel(t.substring(1, t.length() - 1));
        }
        return List.of(t);
    }

    private static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(s.substring(start).strip());
        return out;
    }

    /** Emits the line, cut before every unquoted brace; each brace is a line of its own. */
    private void splitBraces(String text, Origin origin) {
        String s = text;
        while (!s.isEmpty()) {
            int at = -1;
            boolean quoted = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && (c == '{' || c == '}')) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                out.add(new ConfigLine(origin, s, copyLine));
                return;
            }
            if (at > 0) {
                out.add(new ConfigLine(origin, s.substring(0, at).strip(), copyLine));
            }
            emitBrace(s.charAt(at), origin);
            s = s.substring(at + 1).strip();
        }
    }

    private static boolean hasCommentOrQuote(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '#' || c == '!' || c == '"' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    private void emitBrace(char brace, Origin origin) {
        out.add(new ConfigLine(origin, brace == '{' ? "{" : "}", copyLine));
        if (brace == '{') {
            blockDepth++;
        } else if (blockDepth-- < 1) {
            problems.report(Severity.UNEXPECTED_BRACE, origin, "Extra '}' found");
            blockDepth = 0;
        }
    }

    private static String firstWord(String s) {
        int i = 0;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return s.substring(0, i);
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
