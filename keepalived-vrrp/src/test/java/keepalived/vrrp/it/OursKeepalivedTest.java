package keepalived.vrrp.it;

/** The failover scenarios with ours at priority 150 (host A) and keepalived at priority 100 (host B). */
class OursKeepalivedTest extends FailoverScenarios {
    @Override
    Impl high() {
        return Impl.OURS;
    }

    @Override
    Impl low() {
        return Impl.KEEPALIVED;
    }
}
