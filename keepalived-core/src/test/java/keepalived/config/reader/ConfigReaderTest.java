package keepalived.config.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import keepalived.config.ConfigLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preprocessor on small inputs. Every expectation was checked against Debian's keepalived
 * 2.2.7 (by making the text the first word of a line in global_defs, which it then reports as
 * {@code Unknown keyword '...'} together with the line number).
 */
class ConfigReaderTest {
    @TempDir
    Path dir;

    private List<String> texts(String content) {
        return new ReaderFixture(dir).texts(content);
    }

    @Test
    void hashAndBangStartComments() {
        assertEquals(List.of("a", "b", "c d"), texts("a # x\nb ! y\n# whole line\n! whole line\nc d#glued\n"));
    }

    @Test
    void commentCharactersInsideDoubleQuotesAreKept() {
        assertEquals(List.of("\"dq#kept\" x", "router_id \"a!b\""), texts("\"dq#kept\" x\nrouter_id \"a!b\" # c\n"));
    }

    @Test
    void singleQuotesDoNotProtect() {
        assertEquals(List.of("'q"), texts("'q#hidden\n"));
    }

    @Test
    void backslashEscapesCommentCharacters() {
        assertEquals(List.of("foo#bar!baz"), texts("foo\\#bar\\!baz\n"));
    }

    @Test
    void hashAndBangBuiltins() {
        assertEquals(List.of("a#b!c"), texts("a${_HASH}b${_BANG}c\n"));
    }

    @Test
    void bracesSplitLines() {
        assertEquals(List.of("a", "{"), texts("a {\n"));
        assertEquals(List.of("{", "a b", "}"), texts("{ a b }\n"));
        assertEquals(List.of("}", "}"), texts("} }\n"));
        assertEquals(List.of("x", "{", "y", "{", "z", "}", "}"), texts("x { y { z } }\n"));
    }

    @Test
    void quotedBracesDoNotSplit() {
        assertEquals(List.of("a \"{ b }\""), texts("a \"{ b }\"\n"));
    }

    @Test
    void whitespaceTabsAndCrlf() {
        assertEquals(List.of("interface\teth0", "b"), texts("\t  interface\teth0  \r\n\r\n   \nb\r\n"));
    }

    @Test
    void originsCarryFileAndLine() {
        ReaderFixture f = new ReaderFixture(dir).file("main.conf", "a\n\n# c\nb {\n}\n");
        List<ConfigLine> lines = f.read("main.conf");
        assertEquals(List.of(1, 4, 4, 5), lines.stream().map(l -> l.origin().line()).toList());
        assertTrue(lines.get(0).origin().file().endsWith("main.conf"));
    }

    @Test
    void conditionalLinesSelectedByConfigId() {
        assertEquals(List.of("c1", "c4"), texts("@node1 c1\n@node2 c2\n@^node1 c3\n@^node2 c4\n@node1\n"));
    }

    @Test
    void parametersPlainAndBraced() {
        assertEquals(List.of("kX_1", "kY_12_end"), texts("$X=1\n$Y=${X}2\nkX_$X\nkY_${Y}_end\n"));
    }

    @Test
    void dollarNameNeedsWhiteSpaceOrEndAfterIt() {
        // $i followed by '.', '/' or a name character is not a use of $i
        assertEquals(List.of("kZ_$Xb", "10.0.$X.1", "10.0.0.$X/24"), texts("$X=1\nkZ_$Xb\n10.0.$X.1\n10.0.0.$X/24\n"));
    }

    @Test
    void undefinedParametersAreLeftAsTheyAre() {
        assertEquals(List.of("kW_$UNDEF", "script \"/bin/sh -c 'echo $HOME'\""),
                texts("kW_$UNDEF\nscript \"/bin/sh -c 'echo $HOME'\"\n"));
    }

    @Test
    void undefinedBracedParameterIsSplitAtItsBraces() {
        // keepalived 2.2.7: Unknown keyword 'kU_$', Unexpected '{', 'UNDEF', '}', '_x'
        assertEquals(List.of("kU_$", "{", "UNDEF", "}", "_x"), texts("kU_${UNDEF}_x\n"));
    }

    @Test
    void emptyParameter() {
        assertEquals(List.of("e__"), texts("$E=\ne_${E}_$E\n"));
    }

    @Test
    void multiLineDefinitionExpandsToSeveralLinesAtTheUseLine() {
        ReaderFixture f = new ReaderFixture(dir).file("main.conf", "$ML=\\\n mla \\\n mlb\nfirst\n$ML\n");
        List<ConfigLine> lines = f.read("main.conf");
        assertEquals(List.of("first", "mla", "mlb"), lines.stream().map(ConfigLine::text).toList());
        assertEquals(List.of(4, 5, 5), lines.stream().map(l -> l.origin().line()).toList());
    }

    @Test
    void multiLineDefinitionHoldingABlock() {
        assertEquals(List.of("vrrp_instance VI_1", "{", "interface eth1", "}", "vrrp_instance VI_2", "{", "interface eth2", "}"),
                texts("$B=\\\nvrrp_instance VI_${N} { \\\n interface eth${N} \\\n}\n$N=1\n$B\n$N=2\n$B\n"));
    }

    @Test
    void lineContinuationOnlyInDefinitions() {
        assertEquals(List.of("priority \\", "100"), texts("priority \\\n  100\n"));
    }

    @Test
    void seqForms() {
        assertEquals(List.of("s1_1", "s1_2", "s1_3"), texts("~SEQ(i,3) s1_$i\n"));
        assertEquals(List.of("s2_2", "s2_3", "s2_4"), texts("~SEQ(i,2,4) s2_$i\n"));
        assertEquals(List.of("s3_1", "s3_3", "s3_5", "s3_7", "s3_9"), texts("~SEQ(i,1,2,9) s3_$i\n"));
        assertEquals(List.of("s5_3", "s5_2", "s5_1"), texts("~SEQ(i,3,1) s5_$i\n"));
        assertEquals(List.of("s6_-1", "s6_-2"), texts("~SEQ(i,-2) s6_$i\n"));
    }

    @Test
    void seqHex() {
        assertEquals(List.of("s4_a", "s4_b", "s4_c"), texts("~SEQx(i,10,12) s4_$i\n"));
    }

    @Test
    void nestedSeq() {
        assertEquals(List.of("n_1_1", "n_1_2", "n_2_1", "n_2_2"), texts("~SEQ(i,2) ~SEQ(j,2) n_${i}_${j}\n"));
    }

    @Test
    void lstForms() {
        assertEquals(List.of("l1_a", "l1_b"), texts("~LST(v,a,b) l1_$v\n"));
        assertEquals(List.of("l2_1_2", "l2_3_4"), texts("~LST({a,b},{1,2},{3,4}) l2_${a}_${b}\n"));
    }

    @Test
    void seqLinesAreCutAtBracesAfterExpansion() {
        assertEquals(List.of("g1", "{", "h1x", "}", "g2", "{", "h2x", "}"), texts("~SEQ(i,2) g$i { h${i}x }\n"));
    }

    @Test
    void invalidSeqIsReportedAndDropped() {
        ReaderFixture f = new ReaderFixture(dir);
        assertEquals(List.of("after"), f.texts("~SEQ(i,a,3) x$i\n~SEQ(i,1,0,3) y$i\n~SEQ(i,5,1,3) z$i\nafter\n"));
        long seqErrors = f.problems.all().stream().filter(p -> p.message().contains("~SEQ")).map(p -> p.origin().line())
                .distinct().count();
        assertEquals(3, seqErrors, f.messages().toString());
    }

    @Test
    void includeGlobRelativeToIncludingFile() {
        ReaderFixture f = new ReaderFixture(dir)
                .file("main.conf", "top\ninclude inc/*.conf\nbottom\n")
                .file("inc/a.conf", "a\ninclude sub/c.conf\n")
                .file("inc/b.conf", "b\n")
                .file("inc/b.txt", "not matched\n")
                .file("inc/sub/c.conf", "c\n");
        List<ConfigLine> lines = f.read("main.conf");
        assertEquals(List.of("top", "a", "c", "b", "bottom"), lines.stream().map(ConfigLine::text).toList());
        // keepalived names an included file as written in the include line (relative to its includer)
        assertEquals("inc/a.conf", lines.get(1).origin().file());
        assertEquals("sub/c.conf", lines.get(2).origin().file());
        assertEquals(1, lines.get(2).origin().line());
        assertEquals(List.of(), f.messages());
    }

    @Test
    void includeWithCshBraces() {
        ReaderFixture f = new ReaderFixture(dir)
                .file("main.conf", "include inc/{x,y}.frag\n")
                .file("inc/x.frag", "x\n")
                .file("inc/y.frag", "y\n");
        assertEquals(List.of("x", "y"), f.read("main.conf").stream().map(ConfigLine::text).toList());
    }

    @Test
    void missingPlainIncludeIsNotedButAGlobMatchingNothingIsSilent() {
        // 2.2.7: "(Line 2) Config files missing 'nothing.conf'." for the named file only, exit 0
        ReaderFixture f = new ReaderFixture(dir);
        assertEquals(List.of("a"), f.texts("include nothing-*.conf\ninclude nothing.conf\na\n"));
        assertEquals(List.of("Config files missing 'nothing.conf'."), f.messages());
        assertEquals(0, f.problems.exitCode());
    }

    @Test
    void missingIncludemIsReported() {
        ReaderFixture f = new ReaderFixture(dir);
        f.texts("a\nincludem nothing.conf\n");
        assertEquals(List.of(2), f.problems.all().stream().map(p -> p.origin().line()).toList());
    }

    @Test
    void includeOfADirectoryIsReported() {
        ReaderFixture f = new ReaderFixture(dir).file("inc/sub/x.conf", "x\n");
        assertEquals(List.of("a"), f.texts("include inc/sub\na\n"));
        assertEquals(1, f.problems.all().size(), f.messages().toString());
        assertTrue(f.messages().get(0).contains("is a directory"), f.messages().toString());
    }

    @Test
    void nulEndsTheLineText() {
        // keepalived 2.2.7 reads lines as C strings: the text before a NUL is used, the rest of
        // that line is lost ("foo_b\0c" gives Unknown keyword 'foo_b'); nothing is reported.
        ReaderFixture f = new ReaderFixture(dir).bytes("main.conf", "a\nb\0c\nd\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<ConfigLine> lines = f.read("main.conf");
        assertEquals(List.of("a", "b", "d"), lines.stream().map(ConfigLine::text).toList());
    }

    @Test
    void longLineRestIsReadAsAFurtherLine() {
        // keepalived 2.2.7 reads with a 1024-byte buffer: the rest of a longer line is read as
        // a further line with the same number in the first pass (corpus 54-long-line.conf):
        // "(Line 2) Unknown keyword 'xxx...'" for a long smtp_helo_name value.
        ReaderFixture f = new ReaderFixture(dir);
        String x = "x".repeat(1100);
        List<String> texts = f.texts("a\nsmtp_helo_name a" + x + "\nb\n");
        assertEquals(4, texts.size(), texts.toString());
        assertEquals("a", texts.get(0));
        assertTrue(texts.get(1).startsWith("smtp_helo_name axxx"));
        assertTrue(texts.get(2).matches("x+"));
        assertEquals("b", texts.get(3));
    }
}
