package keepalived.vrrp.it;

/** {@link TrackingScenarios} with ours on both hosts. */
class TrackingOursTest extends TrackingScenarios {
    @Override
    Impl impl() {
        return Impl.OURS;
    }
}
