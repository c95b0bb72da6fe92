package keepalived.config.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import keepalived.config.ConfigLine;
import keepalived.config.ConfigReader;
import keepalived.config.Problems;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each folder under {@code resources/keepalived/config/reader/equivalence/} holds files written
 * differently (one-line blocks, parameters, sequences, includes, comments) that must read to
 * the same lines. Sub-folders hold included fragments and are not read on their own. Every
 * folder was checked on keepalived 2.2.7: its files give the same -t messages and exit code.
 */
class EquivalenceTest {

    @TestFactory
    Stream<DynamicTest> filesInAFolderReadTheSame() throws IOException, URISyntaxException {
        Path root = Path.of(getClass().getResource("/keepalived/config/reader/equivalence").toURI());
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).sorted().forEach(folders::add);
        }
        return folders.stream().map(folder -> DynamicTest.dynamicTest(folder.getFileName().toString(), () -> check(folder)));
    }

    private static void check(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.toString().endsWith(".conf") && Files.isRegularFile(p)).sorted().toList();
        }
        assertTrue(files.size() >= 2, "an equivalence folder needs at least two files: " + folder);
        List<String> reference = null;
        for (Path f : files) {
            Problems problems = new Problems();
            List<String> texts = new ConfigReader(problems, "node1", false).read(f.toString())
                    .stream().map(ConfigLine::text).toList();
            assertEquals(List.of(), problems.all(), f + " reports problems");
            if (reference == null) {
                reference = texts;
            } else {
                assertEquals(reference, texts, f + " differs from " + files.get(0));
            }
        }
    }
}
