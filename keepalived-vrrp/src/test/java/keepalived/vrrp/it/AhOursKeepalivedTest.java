package keepalived.vrrp.it;

/** auth_type AH scenarios: ours at priority 150 (host A, the injection target), keepalived at 100 (host B). */
class AhOursKeepalivedTest extends AhAuthScenarios {
    @Override
    Impl high() {
        return Impl.OURS;
    }

    @Override
    Impl low() {
        return Impl.KEEPALIVED;
    }
}
