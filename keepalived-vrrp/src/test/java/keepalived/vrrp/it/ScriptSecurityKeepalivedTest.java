package keepalived.vrrp.it;

/** {@link ScriptSecurityScenarios} on Debian's keepalived (checks the expectations). */
class ScriptSecurityKeepalivedTest extends ScriptSecurityScenarios {
    @Override
    Impl impl() {
        return Impl.KEEPALIVED;
    }
}
