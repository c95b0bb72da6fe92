package keepalived.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import keepalived.config.ConfigLoader;
import keepalived.config.Host;
import keepalived.config.KeepalivedConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the parent logs for a config that asks for the checker or BFD, which are not built yet. */
class UnbuiltSubsystemsTest {
    @TempDir
    Path dir;

    private KeepalivedConfig load(String text) throws Exception {
        Path f = Files.writeString(dir.resolve("k.conf"), text);
        return ConfigLoader.load(f.toString(), new ConfigLoader.Options("id", false, Host.current())).config();
    }

    private static DaemonContext context(boolean vrrpOnly) {
        return new DaemonContext(Path.of("k.conf"), false, 0, false, false, false, vrrpOnly, false, false, Path.of("/tmp"));
    }

    private static Subsystem named(String name) {
        return new Subsystem() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean wanted(KeepalivedConfig config, DaemonContext context) {
                return true;
            }

            @Override
            public Running start(KeepalivedConfig config, DaemonContext context) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static final String SERVERS = """
            virtual_server 10.0.0.1 80 {
                protocol TCP
            }
            virtual_server 10.0.0.2 80 {
                protocol TCP
            }
            bfd_instance B1 {
                neighbor_ip 10.0.0.9
            }
            """;

    @Test
    void virtualServersAndBfdInstancesAreSaidToBeNotRun() throws Exception {
        KeepalivedConfig c = load(SERVERS);
        assertEquals(List.of(
                "virtual_server: the checker (IPVS and health checkers) is not implemented by keepalived-java yet"
                        + " - 2 virtual server(s) not set up",
                "bfd_instance: BFD is not implemented by keepalived-java yet - 1 BFD instance(s) not started"),
                UnbuiltSubsystems.messages(c, context(false), List.of(named("vrrp"))));
    }

    @Test
    void nothingToSayWhenNotAskedOrOnceBuilt() throws Exception {
        assertEquals(List.of(), UnbuiltSubsystems.messages(load("global_defs {\n}\n"), context(false), List.of()));
        KeepalivedConfig c = load(SERVERS);
        assertEquals(1, UnbuiltSubsystems.messages(c, context(true), List.of()).size(), "-P: only BFD is asked for");
        assertEquals(List.of(), UnbuiltSubsystems.messages(c, context(false), List.of(named("checker"), named("bfd"))));
    }
}
