package keepalived.vrrp.it;

/** {@link ScriptSecurityScenarios} on ours. */
class ScriptSecurityOursTest extends ScriptSecurityScenarios {
    @Override
    Impl impl() {
        return Impl.OURS;
    }
}
