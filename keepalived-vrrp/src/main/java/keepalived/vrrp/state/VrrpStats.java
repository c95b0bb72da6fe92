package keepalived.vrrp.state;

import keepalived.vrrp.packet.AdvertPacket;

/**
 * Per-instance counters, named and ordered as keepalived's JSON {@code stats} object and
 * {@code keepalived.stats} file. Mutated only on the instance's loop thread.
 */
public final class VrrpStats {
    long advertRcvd;
    long advertSent;
    long becomeMaster;
    long releaseMaster;
    long packetLenErr;
    long advertIntervalErr;
    long ipTtlErr;
    long invalidTypeRcvd;
    long addrListErr;
    long invalidAuthtype;
    long authtypeMismatch;
    long authFailure;
    long priZeroRcvd;
    long priZeroSent;

    public long advertRcvd() {
        return advertRcvd;
    }

    public long advertSent() {
        return advertSent;
    }

    public long becomeMaster() {
        return becomeMaster;
    }

    public long releaseMaster() {
        return releaseMaster;
    }

    public long packetLenErr() {
        return packetLenErr;
    }

    public long advertIntervalErr() {
        return advertIntervalErr;
    }

    public long ipTtlErr() {
        return ipTtlErr;
    }

    public long invalidTypeRcvd() {
        return invalidTypeRcvd;
    }

    public long addrListErr() {
        return addrListErr;
    }

    public long invalidAuthtype() {
        return invalidAuthtype;
    }

    public long authtypeMismatch() {
        return authtypeMismatch;
    }

    public long authFailure() {
        return authFailure;
    }

    public long priZeroRcvd() {
        return priZeroRcvd;
    }

    public long priZeroSent() {
        return priZeroSent;
    }

    /** STATS_CLEAR (SIGRTMAX-1): every counter back to zero, after the stats were written. */
    public void clear() {
        advertRcvd = advertSent = becomeMaster = releaseMaster = 0;
        packetLenErr = advertIntervalErr = ipTtlErr = invalidTypeRcvd = addrListErr = 0;
        invalidAuthtype = authtypeMismatch = authFailure = 0;
        priZeroRcvd = priZeroSent = 0;
    }

    /** Counts a verdict against its keepalived counter (verdicts without one count nothing). */
    public void count(AdvertPacket.Verdict v) {
        switch (v) {
            case TOO_SHORT, BAD_LENGTH -> packetLenErr++;
            case BAD_TTL -> ipTtlErr++;
            case BAD_TYPE -> invalidTypeRcvd++;
            case INTERVAL_MISMATCH -> advertIntervalErr++;
            case ADDRESS_MISMATCH -> addrListErr++;
            case INVALID_AUTH_TYPE -> invalidAuthtype++;
            case AUTH_TYPE_MISMATCH -> authtypeMismatch++;
            case AUTH_FAILURE, AH_BAD_ICV, AH_BAD_SPI, AH_REPLAY -> authFailure++;
            default -> {
            }
        }
    }

    /** The {@code keepalived.stats} block of one instance, exactly as keepalived 2.2.7 writes it. */
    public String format(String instanceName) {
        return "VRRP Instance: " + instanceName + "\n"
                + "  Advertisements:\n"
                + "    Received: " + advertRcvd + "\n"
                + "    Sent: " + advertSent + "\n"
                + "  Became master: " + becomeMaster + "\n"
                + "  Released master: " + releaseMaster + "\n"
                + "  Packet Errors:\n"
                + "    Length: " + packetLenErr + "\n"
                + "    TTL: " + ipTtlErr + "\n"
                + "    Invalid Type: " + invalidTypeRcvd + "\n"
                + "    Advertisement Interval: " + advertIntervalErr + "\n"
                + "    Address List: " + addrListErr + "\n"
                + "  Authentication Errors:\n"
                + "    Invalid Type: " + invalidAuthtype + "\n"
                + "    Type Mismatch: " + authtypeMismatch + "\n"
                + "    Failure: " + authFailure + "\n"
                + "  Priority Zero:\n"
                + "    Received: " + priZeroRcvd + "\n"
                + "    Sent: " + priZeroSent + "\n";
    }

    /** keepalived's JSON {@code stats} object (key order as keepalived's). */
    public String json() {
        return "{\"advert_rcvd\":" + advertRcvd + ",\"advert_sent\":" + advertSent
                + ",\"become_master\":" + becomeMaster + ",\"release_master\":" + releaseMaster
                + ",\"packet_len_err\":" + packetLenErr + ",\"advert_interval_err\":" + advertIntervalErr
                + ",\"ip_ttl_err\":" + ipTtlErr + ",\"invalid_type_rcvd\":" + invalidTypeRcvd
                + ",\"addr_list_err\":" + addrListErr + ",\"invalid_authtype\":" + invalidAuthtype
                + ",\"authtype_mismatch\":" + authtypeMismatch + ",\"auth_failure\":" + authFailure
                + ",\"pri_zero_rcvd\":" + priZeroRcvd + ",\"pri_zero_sent\":" + priZeroSent + "}";
    }
}
