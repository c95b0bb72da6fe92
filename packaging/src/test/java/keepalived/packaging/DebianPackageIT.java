package keepalived.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import keepalived.testing.Cmd;
import keepalived.testing.Prerequisites;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb that `mvn package` built, read with dpkg-deb only (never installed here: that would
 * remove Debian's keepalived, which the interop tests need): its control fields, files,
 * conffiles, systemd unit, and the launcher run from an unpacked copy.
 */
class DebianPackageIT {
    private static final String DEB_VERSION = System.getProperty("deb.version", "").replaceAll("-SNAPSHOT$", "~snapshot");
    private static Path deb;

    @TempDir
    static Path unpacked;

    @BeforeAll
    static void unpack() {
        Prerequisites.require(Cmd.available("dpkg-deb"), "dpkg-deb");
        deb = Path.of(System.getProperty("deb.dir", "target")).resolve("keepalived-java_" + DEB_VERSION + "_amd64.deb");
        assertTrue(Files.isRegularFile(deb), deb + " was not built");
        Cmd.run("dpkg-deb", "-x", deb.toString(), unpacked.toString()).check();
    }

    private static String field(String name) {
        return Cmd.run("dpkg-deb", "-f", deb.toString(), name).check().stdout().strip();
    }

    @Test
    void controlFields() {
        assertEquals("keepalived-java", field("Package"));
        assertTrue(DEB_VERSION.matches("[0-9][A-Za-z0-9.+~]*"), DEB_VERSION);
        assertEquals(DEB_VERSION, field("Version"));
        assertEquals("amd64", field("Architecture"));
        assertEquals("default-jre-headless (>= 2:1.17) | java17-runtime-headless, perl-base", field("Depends"));
        assertEquals("keepalived", field("Provides"));
        assertEquals("keepalived", field("Conflicts"));
        assertEquals("keepalived", field("Replaces"));
        assertTrue(field("Maintainer").matches(".+ <.+@.+>"), field("Maintainer"));
        assertTrue(field("Description").startsWith("Failover and monitoring daemon"));
        assertTrue(Integer.parseInt(field("Installed-Size")) > 1000);
    }

    @Test
    void filesAreRootOwnedWhereDebiansKeepalivedHasThem() {
        List<String> lines = Cmd.run("dpkg-deb", "-c", deb.toString()).check().stdout().lines().toList();
        Map<String, String> byPath = lines.stream().collect(Collectors.toMap(
                l -> l.split("\\s+")[5], l -> l, (a, b) -> a));
        for (String l : lines) {
            assertEquals("root/root", l.split("\\s+")[1], l);
        }
        assertTrue(byPath.get("./usr/sbin/keepalived").startsWith("lrwxrwxrwx"), byPath.toString());
        assertTrue(byPath.get("./usr/sbin/keepalived").endsWith("-> ../share/keepalived-java/bin/keepalived"));
        assertTrue(byPath.get("./usr/share/keepalived-java/bin/keepalived").startsWith("-rwxr-xr-x"));
        for (String path : List.of("./lib/systemd/system/keepalived.service", "./etc/default/keepalived",
                "./etc/keepalived/keepalived.conf", "./usr/share/doc/keepalived-java/copyright",
                "./usr/share/doc/keepalived-java/README", "./usr/share/doc/keepalived-java/examples/keepalived.conf")) {
            assertTrue(byPath.containsKey(path), path + " missing from " + byPath.keySet());
            assertTrue(byPath.get(path).startsWith("-rw-r--r--"), byPath.get(path));
        }
        for (String jar : List.of("keepalived-core", "keepalived-vrrp", "logback-classic", "jnr-unixsocket",
                "jffi-1.4.3-native", "netty-transport-native-epoll")) {
            assertTrue(byPath.keySet().stream().anyMatch(p -> p.startsWith("./usr/share/keepalived-java/lib/" + jar)
                    && p.endsWith(".jar")), jar);
        }
    }

    @Test
    void conffilesAndMaintainerScripts(@TempDir Path control) throws IOException {
        Cmd.run("dpkg-deb", "-e", deb.toString(), control.toString()).check();
        assertEquals(List.of("/etc/default/keepalived", "/etc/keepalived/keepalived.conf"),
                Files.readAllLines(control.resolve("conffiles")));
        assertEquals(List.of("interest-noawait /usr/lib/jvm"), Files.readAllLines(control.resolve("triggers")));
        for (String script : List.of("preinst", "postinst", "prerm", "postrm")) {
            assertTrue(Files.isExecutable(control.resolve(script)), script);
            Cmd.run("sh", "-n", control.resolve(script).toString()).check();
        }
        String postinst = Files.readString(control.resolve("postinst"));
        assertTrue(postinst.contains("deb-systemd-helper enable keepalived.service"), postinst);
        assertTrue(postinst.contains("deb-systemd-invoke $action keepalived.service"), postinst);
        // every packaged file has its checksum, so debsums / dpkg --verify can check the install
        List<String> sums = Files.readAllLines(control.resolve("md5sums"));
        assertTrue(sums.stream().anyMatch(l -> l.endsWith("  usr/share/keepalived-java/bin/keepalived")), sums.toString());
    }

    @Test
    void unitHasTheShapeOfDebiansKeepalivedUnit() throws IOException {
        List<String> unit = Files.readAllLines(unpacked.resolve("lib/systemd/system/keepalived.service"));
        for (String line : List.of("ConditionFileNotEmpty=/etc/keepalived/keepalived.conf", "Type=notify",
                "EnvironmentFile=-/etc/default/keepalived", "ExecStart=/usr/sbin/keepalived --dont-fork $DAEMON_ARGS",
                "ExecReload=/bin/kill -HUP $MAINPID", "WantedBy=multi-user.target")) {
            assertTrue(unit.contains(line), line + " missing from " + unit);
        }
        assertTrue(Files.readAllLines(unpacked.resolve("etc/default/keepalived")).contains("DAEMON_ARGS=\"\""));
    }

    @Test
    void serviceSectionIsDebiansOwn() throws IOException {
        Path debians = Path.of("/lib/systemd/system/keepalived.service");
        Prerequisites.require(Files.isRegularFile(debians), "Debian's keepalived package (its unit)");
        assertEquals(section(Files.readAllLines(debians), "[Service]"),
                section(Files.readAllLines(unpacked.resolve("lib/systemd/system/keepalived.service")), "[Service]"));
    }

    @Test
    void defaultsFileIsDebiansByteForByte() throws Exception {
        // so dpkg, taking the conffile over from keepalived, keeps an administrator's copy silently
        Prerequisites.requireRealKeepalived();
        String conffiles = Cmd.run("dpkg-query", "-W", "-f=${Conffiles}", "keepalived").check().stdout();
        String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest(Files.readAllBytes(unpacked.resolve("etc/default/keepalived"))));
        assertTrue(conffiles.contains("/etc/default/keepalived " + md5), conffiles + " vs " + md5);
    }

    private static List<String> section(List<String> unit, String name) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String l : unit) {
            if (l.startsWith("[")) {
                in = l.equals(name);
            } else if (in && !l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }

    @Test
    void systemdAcceptsTheUnit(@TempDir Path dir) throws IOException {
        Prerequisites.require(Cmd.available("systemd-analyze"), "systemd-analyze");
        // ExecStart pointed at the unpacked launcher: verify checks that the command is executable
        String unit = Files.readString(unpacked.resolve("lib/systemd/system/keepalived.service"))
                .replace("/usr/sbin/keepalived", unpacked.resolve("usr/sbin/keepalived").toString());
        Path copy = Files.writeString(dir.resolve("keepalived.service"), unit);
        Cmd.Result r = Cmd.run("systemd-analyze", "verify", copy.toString());
        assertTrue(r.ok() && r.stderr().isBlank(), r.describe());
    }

    @Test
    void unpackedLauncherFindsItsJarsThroughTheSbinLink() {
        Path launcher = unpacked.resolve("usr/sbin/keepalived");
        Cmd.Result v = launcher(launcher.toString(), "--version");
        assertEquals(0, v.exitCode(), v.describe());
        assertTrue(v.stderr().startsWith("Keepalived v2.2.7 (keepalived-java"), v.describe());

        Cmd.Result t = launcher(launcher.toString(), "-t", "-f", unpacked.resolve("etc/keepalived/keepalived.conf").toString());
        assertEquals(0, t.exitCode(), t.describe());
    }

    /** The launcher with its own home resolution: no KEEPALIVED_HOME from the build's environment. */
    private static Cmd.Result launcher(String... command) {
        List<String> cmd = new ArrayList<>(List.of("env", "-u", "KEEPALIVED_HOME", "-u", "KEEPALIVED_JAVA_OPTS"));
        cmd.addAll(List.of(command));
        return Cmd.run(null, 120, cmd);
    }

    @Test
    void installsOverKeepalivedKeepingTheAdministratorsConfiguration() {
        // dpkg --root: a private dpkg database and tree, so this host's keepalived stays installed
        Prerequisites.requireRoot();
        Path script = Path.of(System.getProperty("project.root"), "packaging/test/install-in-root.sh");
        Cmd.Result r = Cmd.run(null, 300, List.of("sh", script.toString(), deb.toString()));
        assertTrue(r.ok() && r.stdout().strip().endsWith("OK"), r.describe());
    }

    @Test
    void noClassDataArchiveIsShippedForABuildPath() {
        // postinst makes lib/keepalived.jsa in place; one made for target/dist would never match
        try (Stream<Path> lib = Files.list(unpacked.resolve("usr/share/keepalived-java/lib"))) {
            assertTrue(lib.noneMatch(p -> p.toString().endsWith(".jsa")));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertTrue(Files.isRegularFile(unpacked.resolve("usr/share/keepalived-java/cds-training.conf")));
    }
}
