package keepalived.vrrp.it;

/** SIGHUP reload of our daemon as MASTER, Debian's keepalived as the BACKUP peer. */
class ReloadOursTest extends ReloadScenarios {
    @Override
    Impl master() {
        return Impl.OURS;
    }

    @Override
    Impl peer() {
        return Impl.KEEPALIVED;
    }
}
