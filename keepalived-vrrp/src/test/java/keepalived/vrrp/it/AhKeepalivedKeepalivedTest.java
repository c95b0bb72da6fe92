package keepalived.vrrp.it;

/** auth_type AH scenarios: keepalived at priority 150 (host A, the injection target), keepalived at 100 (host B). */
class AhKeepalivedKeepalivedTest extends AhAuthScenarios {
    @Override
    Impl high() {
        return Impl.KEEPALIVED;
    }

    @Override
    Impl low() {
        return Impl.KEEPALIVED;
    }
}
