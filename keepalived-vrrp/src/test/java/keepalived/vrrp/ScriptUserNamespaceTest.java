package keepalived.vrrp;

import static keepalived.vrrp.DaemonJvm.contains;
import static keepalived.vrrp.DaemonJvm.read;
import static keepalived.vrrp.DaemonJvm.waitFor;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

import keepalived.testing.Cmd;
import keepalived.testing.Prerequisites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scripts run as their user, as keepalived runs them: {@code script_user} for scripts without
 * their own, the user written after a script (or a vrrp_script's {@code user}) otherwise. Checked
 * by what id(1) says inside them.
 */
class ScriptUserNamespaceTest {
    private static final String NS = "rsu" + ProcessHandle.current().pid();

    private Path dir;
    private Process daemon;

    @BeforeEach
    void setUp() throws Exception {
        Prerequisites.requireRoot();
        DaemonJvm.createHost(NS, "10.250.43.1/24");
        // readable and traversable by nobody, unlike a private temp dir
        dir = Files.createTempDirectory("kaj-script-user");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path out = Files.createDirectory(dir.resolve("out"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly();
            daemon.waitFor(5, TimeUnit.SECONDS);
        }
        Cmd.run("ip", "netns", "del", NS);
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    @Timeout(60)
    void notifyAndTrackScriptsRunAsTheirUser() throws Exception {
        Path ids = dir.resolve("out").resolve("ids.log");
        // scripts of both users append to it (the root one may create it first)
        Files.createFile(ids);
        Files.setPosixFilePermissions(ids, PosixFilePermissions.fromString("rw-rw-rw-"));
        Path script = dir.resolve("whoami.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$1 $(id -u):$(id -g)\" >> " + ids + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path conf = dir.resolve("k.conf");
        Files.writeString(conf, """
                global_defs {
                    script_user nobody nogroup
                }
                vrrp_script chk {
                    script "%1$s check"
                    interval 1
                }
                vrrp_script chk_root {
                    script "%1$s rootcheck"
                    interval 1
                    user root
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 63
                    version 3
                    priority 100
                    advert_int 0.1
                    virtual_ipaddress {
                        10.250.43.100/24
                    }
                    track_script {
                        chk
                        chk_root
                    }
                    notify_master "%1$s master"
                    notify "%1$s generic" root
                }
                """.formatted(script));
        Path out = dir.resolve("daemon.log");
        daemon = DaemonJvm.start(NS, conf, out);

        assertTrue(waitFor(() -> contains(out, "(VI_1) Entering MASTER STATE")), () -> "no MASTER:\n" + read(out));
        String nobody = Cmd.run("id", "-u", "nobody").check().stdout().strip() + ":"
                + Cmd.run("getent", "group", "nogroup").check().stdout().split(":")[2];
        assertTrue(waitFor(() -> contains(ids, "master " + nobody) && contains(ids, "check " + nobody)
                && contains(ids, "generic 0:0") && contains(ids, "rootcheck 0:0")), () -> read(ids) + "\n" + read(out));
    }
}
