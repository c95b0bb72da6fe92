package keepalived.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Splits argv exactly as keepalived's getopt_long does, using the option table picocli holds.
 * picocli's own lexer differs where users notice: an optional value ({@code -t}, {@code -M})
 * is taken only when attached ({@code -tFILE}, {@code --config-test=FILE}); a required value is
 * the next word whatever it looks like ({@code -f -t} reads file "-t"); long options may be
 * abbreviated to any unique prefix; non-options may stand anywhere.
 */
final class Getopt {
    private Getopt() {
    }

    /** What one option word (or one letter of a cluster) turned out to be. */
    sealed interface Event permits Found, Unknown, Missing {
    }

    /** A known option; {@code value} is null when it has none. */
    record Found(OptionSpec option, String value) implements Event {
    }

    /** An unknown option, as keepalived prints it ({@code -Z}, {@code --xyz=1}). */
    record Unknown(String text) implements Event {
    }

    /** A required value is missing; {@code text} as keepalived prints it. */
    record Missing(String text) implements Event {
    }

    /** The events in argv order, and the non-option words. */
    record Result(List<Event> events, List<String> operands) {
    }

    static Result parse(CommandSpec spec, String[] args) {
        List<Event> events = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                operands.addAll(List.of(args).subList(i + 1, args.length));
                break;
            } else if (arg.startsWith("--")) {
                i = longOption(spec, args, i, events);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                i = shortCluster(spec, args, i, events);
            } else {
                operands.add(arg);
            }
        }
        return new Result(events, operands);
    }

    private static int longOption(CommandSpec spec, String[] args, int i, List<Event> events) {
        String arg = args[i];
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg : arg.substring(0, eq);
        String attached = eq < 0 ? null : arg.substring(eq + 1);
        OptionSpec o = matchLong(spec, name);
        if (o == null || (attached != null && o.arity().max() == 0)) {
            events.add(new Unknown(arg));
            return i;
        }
        if (o.arity().min() == 0) {
            events.add(new Found(o, attached));
            return i;
        }
        if (attached != null) {
            // keepalived treats an empty "--use-file=" as missing and names the full option
            events.add(attached.isEmpty() ? new Missing(o.longestName()) : new Found(o, attached));
            return i;
        }
        if (i + 1 < args.length) {
            events.add(new Found(o, args[i + 1]));
            return i + 1;
        }
        // keepalived 2.2.7 prints "--X" for a long option whose value is missing at the end
        events.add(new Missing("--X"));
        return i;
    }

    /** An exact long name, or the single option that the word is a prefix of. */
    private static OptionSpec matchLong(CommandSpec spec, String name) {
        OptionSpec exact = spec.findOption(name);
        if (exact != null && name.equals(exact.longestName())) {
            return exact;
        }
        OptionSpec match = null;
        for (OptionSpec o : spec.options()) {
            for (String n : o.names()) {
                if (n.startsWith("--") && n.startsWith(name) && name.length() > 2) {
                    if (match != null && match != o) {
                        return null;
                    }
                    match = o;
                }
            }
        }
        return match;
    }

    private static int shortCluster(CommandSpec spec, String[] args, int i, List<Event> events) {
        String arg = args[i];
        for (int j = 1; j < arg.length(); j++) {
            String name = "-" + arg.charAt(j);
            OptionSpec o = spec.findOption(name);
            if (o == null || !List.of(o.names()).contains(name)) {
                events.add(new Unknown(name));
                continue;
            }
            if (o.arity().max() == 0) {
                events.add(new Found(o, null));
                continue;
            }
            String rest = arg.substring(j + 1);
            if (o.arity().min() == 0) {
                events.add(new Found(o, rest.isEmpty() ? null : rest));
            } else if (!rest.isEmpty()) {
                events.add(new Found(o, rest));
            } else if (i + 1 < args.length) {
                events.add(new Found(o, args[i + 1]));
                return i + 1;
            } else {
                events.add(new Missing(name));
            }
            return i;
        }
        return i;
    }
}
