package keepalived.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import keepalived.config.Keyword;
import keepalived.config.Schema;
import keepalived.config.TopLevel;
import org.junit.jupiter.api.Test;

/** docs/compatibility.md must be exactly what the keyword tables generate. */
class CompatibilityDocTest {

    static Path projectRoot() {
        Path p = Path.of(System.getProperty("project.root", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path d = p; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("keepalived-core/pom.xml"))) {
                return d;
            }
        }
        throw new IllegalStateException("project root not found from " + p);
    }

    @Test
    void documentMatchesTheKeywordTables() throws IOException {
        Path doc = projectRoot().resolve("docs/compatibility.md");
        String expected = CompatibilityDoc.generate();
        if (Boolean.getBoolean("regenerate")) {
            CompatibilityDoc.main(new String[] {doc.toString()});
        }
        if (!Files.exists(doc)) {
            fail("docs/compatibility.md is missing; generate it with: " + CompatibilityDoc.REGENERATE);
        }
        String actual = Files.readString(doc, StandardCharsets.UTF_8);
        if (!actual.equals(expected)) {
            fail("docs/compatibility.md disagrees with the keyword tables; regenerate it with: "
                    + CompatibilityDoc.REGENERATE);
        }
    }

    @Test
    void everyKeywordOfEveryBlockIsListed() {
        String text = CompatibilityDoc.generate();
        for (Schema s : TopLevel.allSchemas()) {
            for (Keyword k : s.keywords()) {
                assertTrue(text.contains("| `" + k.name() + "` |"), k.name());
            }
        }
        assertEquals(TopLevel.allSchemas().size(), CompatibilityDoc.blockPaths().size());
    }
}
