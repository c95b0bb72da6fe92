package keepalived.vrrp.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import org.junit.jupiter.api.TestInfo;

/** Where an interop test keeps its configs, logs and capture: target/it/CLASS[/METHOD], emptied first. */
final class TestDir {
    private TestDir() {
    }

    /** target/it/CLASS/METHOD of the running test, empty. */
    static Path fresh(Object test, TestInfo info) throws IOException {
        return fresh(Path.of("target", "it", test.getClass().getSimpleName(),
                info.getTestMethod().map(m -> m.getName()).orElse("test")));
    }

    /** {@code dir} (made absolute), emptied of what an earlier run left. */
    static Path fresh(Path dir) throws IOException {
        Path d = dir.toAbsolutePath();
        deleteTree(d);
        Files.createDirectories(d);
        return d;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
