package keepalived.vrrp.it;

/** The failover scenarios with keepalived at priority 150 (host A) and ours at priority 100 (host B). */
class KeepalivedOursTest extends FailoverScenarios {
    @Override
    Impl high() {
        return Impl.KEEPALIVED;
    }

    @Override
    Impl low() {
        return Impl.OURS;
    }
}
