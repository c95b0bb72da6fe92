package keepalived.vrrp.it;

/** auth_type AH scenarios: ours at priority 150 (host A, the injection target), ours at 100 (host B). */
class AhOursOursTest extends AhAuthScenarios {
    @Override
    Impl high() {
        return Impl.OURS;
    }

    @Override
    Impl low() {
        return Impl.OURS;
    }
}
