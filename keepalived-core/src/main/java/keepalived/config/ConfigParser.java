package keepalived.config;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Walks preprocessed lines with the keyword tables, as keepalived's {@code process_stream}
 * does: one pass, a block keyword must be followed by {@code {}, an unknown keyword's block is
 * skipped, stray braces are reported and ignored, and each block's close checks run when its
 * {@code }} is read (or at end of input).
 */
public final class ConfigParser {
    private final List<ConfigLine> lines;
    private final Problems problems;
    private int pos;
    private int unclosedAtEof;

    public ConfigParser(List<ConfigLine> lines, Problems problems) {
        this.lines = lines;
        this.problems = problems;
    }

    /** Parses everything into {@code root} using the top-level table. */
    public void parse(Schema schema, Block.Builder root) {
        body(schema, root, 0, false);
        if (unclosedAtEof > 0) {
            problems.report(Severity.MISSING_BRACE, null,
                    "There are " + unclosedAtEof + " missing '}'s or extra '{'s");
        }
    }

    private void body(Schema schema, Block.Builder block, int level, boolean needOpen) {
        while (pos < lines.size()) {
            ConfigLine line = lines.get(pos++);
            if (needOpen) {
                needOpen = false;
                if (line.isOpenBrace()) {
                    continue;
                }
                problems.report(Severity.MISSING_BRACE, line.origin(), "Missing '{' at beginning of configuration block");
            }
            if (line.isOpenBrace()) {
                problems.report(Severity.UNEXPECTED_BRACE, line.origin(), "Unexpected '{' - ignoring");
                continue;
            }
            if (line.isCloseBrace()) {
                if (level > 0) {
                    block.closedAt(line.origin());
                    close(schema, block);
                    return;
                }
                problems.report(Severity.UNEXPECTED_BRACE, line.origin(), "Extra '}' found");
                continue;
            }
            List<String> words = line.tokens(problems);
            if (words.isEmpty()) {
                continue;
            }
            Keyword k = schema.keyword(words.get(0));
            if (k == null) {
                problems.report(Severity.UNKNOWN_KEYWORD, line.origin(), "Unknown keyword '" + words.get(0) + "'");
                skipBlock();
                continue;
            }
            Args args = new Args(line, words, problems);
            if (k.support() == Keyword.Support.UNSUPPORTED) {
                problems.notice(line.origin(), "keyword '" + k.name() + "' is not supported by keepalived-java - ignoring");
            }
            switch (k.kind()) {
                case VALUE -> k.handler().handle(block, args);
                case LIST -> list(k, block, line, level);
                case BLOCK -> subBlock(k, block, args, level);
                default -> throw new IllegalStateException();
            }
        }
        if (level > 0) {
            unclosedAtEof = Math.max(unclosedAtEof, level);
            if (!lines.isEmpty()) {
                block.closedAt(lines.get(lines.size() - 1).origin());
            }
            close(schema, block);
        }
    }

    @SuppressWarnings("unchecked")
    private void subBlock(Keyword k, Block.Builder parent, Args args, int level) {
        List<String> header = args.from(1);
        if (header.size() > k.maxHeaderWords()) {
            problems.warning(args.origin(), "Block " + k.name() + " has extra parameters "
                    + String.join(" ", header.subList(k.maxHeaderWords(), header.size())));
        }
        Block.Builder child = switch (k.mode()) {
            case NEW -> new Block.Builder(k.name(), header, args.origin());
            case MERGE -> parent.child((Key<Block>) k.target(), k.name(), args.origin());
            case INLINE -> parent;
        };
        if (k.handler() != null) {
            k.handler().handle(child, args);
        }
        if (k.mode() == Keyword.BlockMode.NEW) {
            parent.addChild((Key<List<Block>>) k.target(), child);
        }
        body(k.sub(), child, level + 1, true);
    }

    /** A value block: every line up to the matching brace is one entry. */
    @SuppressWarnings("unchecked")
    private void list(Keyword k, Block.Builder block, ConfigLine keywordLine, int level) {
        if (k.target() != null) {
            block.touch((Key<? extends List<?>>) k.target(), keywordLine.origin());
        }
        if (pos >= lines.size() || !lines.get(pos).isOpenBrace()) {
            problems.report(Severity.MISSING_BRACE, keywordLine.origin(),
                    "'{' missing from beginning of block " + k.name());
            return;
        }
        pos++;
        while (pos < lines.size()) {
            ConfigLine line = lines.get(pos++);
            if (line.isCloseBrace()) {
                return;
            }
            if (line.isOpenBrace()) {
                problems.report(Severity.UNEXPECTED_BRACE, line.origin(), "Unexpected '{' - ignoring");
                continue;
            }
            List<String> words = line.tokens(problems);
            if (!words.isEmpty()) {
                k.handler().handle(block, new Args(line, words, problems));
            }
        }
        unclosedAtEof = Math.max(unclosedAtEof, level + 1);
    }

    /** After an unknown keyword, skips its block if one follows. */
    private void skipBlock() {
        if (pos >= lines.size() || !lines.get(pos).isOpenBrace()) {
            return;
        }
        int depth = 0;
        while (pos < lines.size()) {
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
