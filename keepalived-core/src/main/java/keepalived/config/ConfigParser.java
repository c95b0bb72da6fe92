package keepalived.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Walks preprocessed lines with the keyword tables, reproducing keepalived's
 * {@code process_stream}: a block keyword must be followed by {@code {} (else "Missing '{'"
 * and the line is processed anyway); an unknown keyword is reported and its block is NOT
 * skipped, so its {@code {} is "Unexpected" and its {@code }} closes the enclosing block; at
 * the top level a {@code }} is just an unknown keyword. Top-level keywords that are not active
 * in this pass (they belong to another keepalived process) have their block skipped by
 * counting braces. Each block's close checks run when its {@code }} is read or input ends.
 */
public final class ConfigParser {
    private final LineBuffer lines;
    private final Problems problems;
    private final Predicate<Keyword> active;
    private final boolean copyNumbering;
    /** Keywords already given a {@link KeywordNotice}: one line per keyword, not per use. */
    private final Set<String> noticed = new HashSet<>();
    private int pos;

    /**
     * @param active        which top-level keywords this pass parses; the others are skipped
     * @param copyNumbering number lines as keepalived's children do (they parse the parent's
     *                      consolidated copy, see {@link ConfigLine#copyLine()})
     */
    public ConfigParser(LineBuffer lines, Problems problems, Predicate<Keyword> active, boolean copyNumbering) {
        this.lines = lines;
        this.problems = problems;
        this.active = active;
        this.copyNumbering = copyNumbering;
    }

    public ConfigParser(List<ConfigLine> lines, Problems problems, Predicate<Keyword> active) {
        this(LineBuffer.of(lines), problems, active, false);
    }

    private ConfigLine next() {
        ConfigLine line = lines.get(pos++);
        return copyNumbering ? line.asInCopy() : line;
    }

    /** Parses everything into {@code root} using the top-level table. */
    public void parse(Schema schema, Block.Builder root) {
        pos = 0;
        body(schema, root, 0, false, false);
    }

    /**
     * @param quiet inside a block that is ignored as a whole (its own notice covers it): no
     *              notices for its keywords, so 10,000 virtual servers make one line, not 40,000
     */
    private void body(Schema schema, Block.Builder block, int level, boolean needOpen, boolean quiet) {
        while (lines.has(pos)) {
            ConfigLine line = next();
            if (needOpen) {
                needOpen = false;
                if (line.isOpenBrace()) {
                    continue;
                }
                problems.report(Severity.MISSING_BRACE, line.origin(), "Missing '{' at beginning of configuration block");
            } else if (line.isOpenBrace()) {
                problems.report(Severity.UNEXPECTED_BRACE, line.origin(), "Unexpected '{' - ignoring");
                continue;
            }
            if (line.isCloseBrace() && level > 0) {
                block.closedAt(line.origin());
                close(schema, block);
                return;
            }
            List<String> words = line.tokens(problems);
            if (words.isEmpty()) {
                continue;
            }
            Keyword k = schema.keyword(words.get(0));
            if (k == null && schema.entryHandler() != null) {
                schema.entryHandler().handle(block, new Args(line, words, problems, pos - 1));
                continue;
            }
            if (k == null) {
                problems.report(Severity.UNKNOWN_KEYWORD, line.origin(), "Unknown keyword '" + words.get(0) + "'");
                continue;
            }
            if (level == 0 && !active.test(k)) {
                skipInactiveBlock();
                continue;
            }
            Args args = new Args(line, words, problems, pos - 1);
            if (!quiet && KeywordNotice.ignored(k) && noticed.add(k.name())) {
                problems.notice(line.origin(), KeywordNotice.of(k));
            }
            switch (k.kind()) {
                case VALUE -> k.handler().handle(block, args);
                case LIST -> list(k, block, args);
                case BLOCK -> subBlock(k, block, args, level, quiet);
                default -> throw new IllegalStateException();
            }
        }
        if (level > 0) {
            ConfigLine last = lines.last();
            if (last != null) {
                block.closedAt(last.origin());
            }
            close(schema, block);
        }
    }

    @SuppressWarnings("unchecked")
    private void subBlock(Keyword k, Block.Builder parent, Args args, int level, boolean quiet) {
        Block.Builder child = switch (k.mode()) {
            case NEW -> new Block.Builder(k.name(), args.from(1), args.origin());
            case MERGE -> parent.child((Key<Block>) k.target(), k.name(), args.origin());
            case INLINE -> parent;
        };
        if (k.handler() != null) {
            k.handler().handle(child, args);
        }
        if (k.mode() == Keyword.BlockMode.NEW) {
            parent.addChild((Key<List<Block>>) k.target(), child);
        }
        body(k.sub(), child, level + 1, true, quiet || KeywordNotice.ignored(k));
    }

    /**
     * A value block (keepalived's {@code alloc_value_block}): each line up to a {@code }} is
     * an entry. A missing {@code {} is only logged by keepalived, and that line is an entry.
     */
    @SuppressWarnings("unchecked")
    private void list(Keyword k, Block.Builder block, Args keywordArgs) {
        if (k.target() != null) {
            block.touch((Key<? extends List<?>>) k.target(), keywordArgs.origin());
        }
        if (keywordArgs.size() > 1) {
            problems.error(keywordArgs.origin(), "Block " + k.name() + " has extra parameters "
                    + keywordArgs.word(1) + " ...");
        }
        boolean needOpen = true;
        while (lines.has(pos)) {
            ConfigLine line = next();
            if (needOpen) {
                needOpen = false;
                if (line.isOpenBrace()) {
                    continue;
                }
            }
            if (line.isCloseBrace()) {
                return;
            }
            List<String> words = line.tokens(problems);
            if (!words.isEmpty()) {
                k.handler().handle(block, new Args(line, words, problems, pos - 1));
            }
        }
    }

    /**
     * Skips the block of a top-level keyword that another process parses: if the next line
     * is {@code {}, everything up to its matching {@code }}.
     */
    private void skipInactiveBlock() {
        if (!lines.has(pos) || !lines.get(pos).isOpenBrace()) {
            return;
        }
        int depth = 0;
        while (lines.has(pos)) {
            ConfigLine line = lines.get(pos++);
            if (line.isOpenBrace()) {
                depth++;
            } else if (line.isCloseBrace() && --depth == 0) {
                return;
            }
        }
    }

    private void close(Schema schema, Block.Builder block) {
        for (BiConsumer<Block.Builder, Problems> check : schema.closeChecks()) {
            check.accept(block, problems);
        }
    }
}
