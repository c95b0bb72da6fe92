package keepalived.vrrp.it;

/** The scenarios between two of Debian's keepalived 2.2.7: validates the harness and the expectations. */
class KeepalivedKeepalivedTest extends FailoverScenarios {
    @Override
    Impl high() {
        return Impl.KEEPALIVED;
    }

    @Override
    Impl low() {
        return Impl.KEEPALIVED;
    }
}
