package keepalived.daemon;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Installs a SIGHUP handler the daemon's way, says so, and reports whether a HUP arrives. */
public final class SignalProbeMain {
    private SignalProbeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch hup = new CountDownLatch(1);
        Daemon.handle("HUP", s -> hup.countDown());
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        System.out.println(hup.await(10, TimeUnit.SECONDS) ? "got HUP" : "no HUP");
        System.exit(0);
    }
}
