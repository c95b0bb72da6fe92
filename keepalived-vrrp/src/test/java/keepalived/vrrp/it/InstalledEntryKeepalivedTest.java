package keepalived.vrrp.it;

/** {@link InstalledEntryScenarios} with Debian's keepalived (checks the expectations). */
class InstalledEntryKeepalivedTest extends InstalledEntryScenarios {
    @Override
    Impl impl() {
        return Impl.KEEPALIVED;
    }
}
