package keepalived.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status of a keyword is what -t's notices and docs/compatibility.md say about it. */
class KeywordStatusTest {
    private static final Key<Integer> SIZE = Key.of("size", 0);

    @Test
    void anOldSpellingFollowsItsReplacementIntoImplemented() {
        Schema s = new Schema("t");
        s.integer("size", SIZE, 0, 9);
        s.alias("old_size", "size");
        s.implemented("size");
        assertEquals(Keyword.Support.IMPLEMENTED, s.keyword("old_size").support());
        assertNull(KeywordNotice.of(s.keyword("old_size")));
    }

    @Test
    void noOldSpellingIsReportedAsIgnoredWhileItsReplacementIsHonoured() {
        List<String> wrong = new ArrayList<>();
        for (Schema s : TopLevel.allSchemas()) {
            for (Keyword k : s.keywords()) {
                Keyword current = k.replacedBy() == null ? null : s.keyword(k.replacedBy());
                if (current != null && current.support() == Keyword.Support.IMPLEMENTED
                        && KeywordNotice.ignored(k)) {
                    wrong.add(s.name() + "/" + k.name());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void blocksTheRuntimeReadsAreNotNoticed() {
        // global_defs is read by every process; a clean config must give -t nothing to say
        assertNull(KeywordNotice.of(TopLevel.SCHEMA.keyword("global_defs")));
        assertNull(KeywordNotice.of(TopLevel.SCHEMA.keyword("vrrp_instance")));
    }
}
