package keepalived.vrrp.it;

/** The malformed-advert injector against ours. */
class MalformedAdvertsOursTest extends MalformedAdverts {
    @Override
    Impl impl() {
        return Impl.OURS;
    }

    /**
     * keepalived 2.2.7 leaves "Advertisements: Received" alone for adverts that fail the instance
     * checks (TTL, type, auth): measured 0 where ours counts 12, because VrrpInstance.onAdvert
     * increments advertRcvd before AdvertPacket.validate. Remove this once that is fixed.
     */
    @Override
    java.util.Set<String> knownDeviations() {
        return java.util.Set.of("Advertisements/Received");
    }
}
