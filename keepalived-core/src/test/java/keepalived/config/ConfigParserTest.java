package keepalived.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parse loop's structural rules, each observed on keepalived 2.2.7. */
class ConfigParserTest {
    static final Key<List<Block>> ITEMS = Key.of("item", List.of());
    static final Key<Integer> SIZE = Key.of("size", 7);
    static final Key<List<String>> ENTRIES = Key.of("entries", List.of());
    static final Key<List<Block>> OTHERS = Key.of("other", List.of());
    static final Schema ITEM = new Schema("item");
    static final Schema TOP = new Schema("");

    static {
        ITEM.integer("size", SIZE, 1, 10);
        ITEM.list("entries", ENTRIES, a -> a.word(0));
        TOP.blocks("item", ITEMS, ITEM).owner(Keyword.Owner.VRRP);
        TOP.blocks("other", OTHERS, new Schema("other")).owner(Keyword.Owner.CHECK);
        // the structural rules below are about keepalived's lines, not our keyword notices
        ITEM.implemented("size", "entries");
        TOP.implemented("item", "other");
    }

    @TempDir
    Path dir;

    private record Parsed(Block root, Problems problems) {
        String lines() {
            return problems.all().stream().map(ConfigProblem::format).collect(Collectors.joining("\n"));
        }
    }

    private Parsed parse(String text, Keyword.Owner... active) throws IOException {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, text);
        Problems problems = new Problems();
        List<ConfigLine> lines = new ConfigReader(problems, "id", false).read(f.toString());
        Block.Builder root = new Block.Builder("", List.of(), new Origin(f.toString(), 0));
        List<Keyword.Owner> owners = List.of(active.length == 0 ? Keyword.Owner.values() : active);
        new ConfigParser(lines, problems, k -> owners.contains(k.owner())).parse(TOP, root);
        return new Parsed(root.build(), problems);
    }

    @Test
    void oneLineBlocksAndValueBlocks() throws IOException {
        Parsed p = parse("item A { size 3 }\nitem B {\n entries { x y\n z }\n}\n");
        List<Block> items = p.root().blocks(ITEMS);
        assertEquals(2, items.size(), p.lines());
        assertEquals("A", items.get(0).name());
        assertEquals(3, items.get(0).get(SIZE));
        assertEquals(7, items.get(1).get(SIZE), "default from the key");
        assertEquals(List.of("x", "z"), items.get(1).get(ENTRIES));
        assertTrue(p.problems().all().isEmpty(), p.lines());
    }

    @Test
    void unknownKeywordDoesNotSkipItsBlock() throws IOException {
        // keepalived: the unknown keyword's '{' is unexpected and its '}' closes the item.
        Parsed p = parse("item A {\n bogus {\n size 2\n }\n size 4\n}\n");
        assertEquals(2, p.root().blocks(ITEMS).get(0).get(SIZE));
        String out = p.lines();
        assertTrue(out.contains("Line 2) Unknown keyword 'bogus'"), out);
        assertTrue(out.contains("Line 2) Unexpected '{' - ignoring"), out);
        assertTrue(out.contains("Line 5) Unknown keyword 'size'"), out);
        assertTrue(out.contains("Line 6) Unknown keyword '}'"), out);
    }

    @Test
    void missingOpeningBraceIsReportedAndLineStillParsed() throws IOException {
        Parsed p = parse("item A\n size 5\n}\n");
        assertEquals(5, p.root().blocks(ITEMS).get(0).get(SIZE));
        assertTrue(p.lines().contains("Line 2) Missing '{' at beginning of configuration block"), p.lines());
        assertEquals(Severity.MISSING_BRACE, p.problems().status());
    }

    @Test
    void inactiveTopLevelBlocksAreSkippedByBraceCounting() throws IOException {
        Parsed p = parse("item A {\n bogus {\n }\n}\nnot_a_keyword\n", Keyword.Owner.CHECK);
        assertTrue(p.root().blocks(ITEMS).isEmpty());
        assertEquals("(" + dir.resolve("k.conf") + ": Line 5) Unknown keyword 'not_a_keyword'", p.lines());
    }

    @Test
    void numbersOutOfRangeKeepTheDefault() throws IOException {
        Parsed p = parse("item A {\n size 11\n size x\n}\n");
        assertEquals(7, p.root().blocks(ITEMS).get(0).get(SIZE));
        assertTrue(p.lines().contains("Line 2) number '11' outside range [1, 10]"), p.lines());
        assertTrue(p.lines().contains("Line 3) invalid number 'x'"), p.lines());
        assertEquals(5, p.problems().exitCode());
    }

    @Test
    void missingParameterAbandonsTheParse() throws IOException {
        Parsed p;
        try {
            p = parse("item A {\n size\n}\nbogus\n");
        } catch (Problems.ConfigAbort e) {
            return; // parse() has no loader around it; the loader catches this
        }
        throw new AssertionError("expected abort, got " + p.lines());
    }

    @Test
    void unclosedBlocksAreCountedLexically() throws IOException {
        Problems problems = new Problems();
        Path f = dir.resolve("u.conf");
        Files.writeString(f, "item A {\n item B {\n");
        ConfigReader r = new ConfigReader(problems, "id", false);
        r.read(f.toString());
        assertEquals(2, r.unclosedBraces());
    }

    // ---- keyword notices (keepalived-java's own lines: nothing parsed is silently ignored)

    static final Key<Integer> DEPTH = Key.of("depth", 0);
    static final Key<Integer> COLOUR = Key.of("colour", 0);
    static final Key<List<Block>> WHOLES = Key.of("whole", List.of());
    static final Schema INNER = new Schema("whole");
    static final Schema PARTLY = new Schema("partly");
    static final Schema NOTICED = new Schema("");

    static {
        // "whole": a planned block (a subsystem not built yet) whose keywords are planned too
        INNER.integer("depth", DEPTH, 0, 9);
        INNER.integer("colour", COLOUR, 0, 9);
        // "partly": an implemented block with one planned keyword (depth) and one not supported (colour)
        PARTLY.integer("size", SIZE, 1, 10);
        PARTLY.integer("depth", DEPTH, 0, 9);
        PARTLY.integer("colour", COLOUR, 0, 9).unsupported();
        PARTLY.implemented("size");
        NOTICED.blocks("whole", WHOLES, INNER);
        NOTICED.blocks("partly", ITEMS, PARTLY);
        NOTICED.implemented("partly");
    }

    private Problems parseNoticed(String text) throws IOException {
        Path f = dir.resolve("n.conf");
        Files.writeString(f, text);
        Problems problems = new Problems();
        List<ConfigLine> lines = new ConfigReader(problems, "id", false).read(f.toString());
        new ConfigParser(lines, problems, k -> true).parse(NOTICED, new Block.Builder("", List.of(), new Origin(f.toString(), 0)));
        return problems;
    }

    @Test
    void plannedKeywordsGetOneNoticeEachAtTheirFirstUse() throws IOException {
        Problems p = parseNoticed("partly A {\n size 2\n depth 3\n}\npartly B {\n depth 4\n colour 1\n colour 2\n}\n");
        String f = dir.resolve("n.conf").toString();
        assertEquals(List.of(
                "(" + f + ": Line 3) keyword 'depth' is not implemented by keepalived-java yet - ignoring",
                "(" + f + ": Line 7) keyword 'colour' is not supported by keepalived-java - ignoring"),
                p.all().stream().map(ConfigProblem::format).toList());
        assertEquals(0, p.exitCode(), "notices do not change the verdict");
        p.all().forEach(n -> assertTrue(KeywordNotice.isNotice(n.format()), n.format()));
    }

    @Test
    void aPlannedBlockGetsOneNoticeAndNoneForItsContents() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            text.append("whole W").append(i).append(" {\n depth 1\n colour 2\n}\n");
        }
        text.append("partly A {\n depth 3\n}\n");
        Problems p = parseNoticed(text.toString());
        String f = dir.resolve("n.conf").toString();
        assertEquals(List.of(
                "(" + f + ": Line 1) keyword 'whole' is not implemented by keepalived-java yet - ignoring the whole block",
                "(" + f + ": Line 4002) keyword 'depth' is not implemented by keepalived-java yet - ignoring"),
                p.all().stream().map(ConfigProblem::format).toList());
        assertEquals(0, p.exitCode());
    }

    @Test
    void keepalivedsOwnLinesAreStillReportedInsideAPlannedBlock() throws IOException {
        Problems p = parseNoticed("whole W {\n depth 12\n bogus\n}\n");
        String out = p.all().stream().map(ConfigProblem::format).collect(Collectors.joining("\n"));
        assertTrue(out.contains("Line 2) number '12' outside range [0, 9]"), out);
        assertTrue(out.contains("Line 3) Unknown keyword 'bogus'"), out);
        assertEquals(5, p.exitCode());
    }
}
