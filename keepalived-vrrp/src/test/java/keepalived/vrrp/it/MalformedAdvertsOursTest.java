package keepalived.vrrp.it;

/** The malformed-advert injector against ours. */
class MalformedAdvertsOursTest extends MalformedAdverts {
    @Override
    Impl impl() {
        return Impl.OURS;
    }
}
