package keepalived.vrrp.it;

/** {@link StartStateScenarios} on Debian's keepalived 2.2.7 (checks the expectations). */
class StartStateKeepalivedTest extends StartStateScenarios {
    @Override
    Impl impl() {
        return Impl.KEEPALIVED;
    }
}
