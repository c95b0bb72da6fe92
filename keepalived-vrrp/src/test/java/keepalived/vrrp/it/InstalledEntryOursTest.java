package keepalived.vrrp.it;

/** {@link InstalledEntryScenarios} with ours. */
class InstalledEntryOursTest extends InstalledEntryScenarios {
    @Override
    Impl impl() {
        return Impl.OURS;
    }
}
