package keepalived.vrrp.it;

/** {@link TrackingScenarios} with Debian's keepalived on both hosts (checks the expectations). */
class TrackingKeepalivedTest extends TrackingScenarios {
    @Override
    Impl impl() {
        return Impl.KEEPALIVED;
    }
}
