package keepalived.vrrp.it;

/** The malformed-advert injector against Debian's keepalived: validates the injector and the expected counts. */
class MalformedAdvertsKeepalivedTest extends MalformedAdverts {
    @Override
    Impl impl() {
        return Impl.KEEPALIVED;
    }
}
