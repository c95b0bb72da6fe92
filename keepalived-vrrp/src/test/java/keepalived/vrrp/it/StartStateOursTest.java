package keepalived.vrrp.it;

/** {@link StartStateScenarios} on ours. */
class StartStateOursTest extends StartStateScenarios {
    @Override
    Impl impl() {
        return Impl.OURS;
    }
}
