package keepalived.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StatusTableTest {
    private static final String JSON = "[{\"data\":{\"iname\":\"VI_A\",\"vmac_ifname\":\"\",\"ifp_ifname\":\"eth0\","
            + "\"last_transition\":1795313595.033922,\"vrid\":51,\"base_priority\":150,\"effective_priority\":155,"
            + "\"state\":2,\"script\":\"'\\/tmp\\/notify.sh' 'x'\",\"vips\":[\"10.99.0.100\\/24 dev eth0 scope global set\","
            + "\"10.99.0.101\\/24 dev eth0 scope global label eth0:1 set\"]},\"stats\":{\"advert_rcvd\":0}},"
            + "{\"data\":{\"iname\":\"VI_B\",\"vmac_ifname\":\"vrrp.52\",\"ifp_ifname\":\"vrrp.52\","
            + "\"last_transition\":1795310000.5,\"vrid\":52,\"base_priority\":100,\"effective_priority\":100,"
            + "\"state\":1},\"stats\":{}}]\n";

    @Test
    void rendersOneRowPerInstance() {
        Instant now = Instant.ofEpochSecond(1795313595L + 75);
        String table = StatusTable.render(JSON, now, ZoneId.of("UTC"));
        assertEquals("""
                INSTANCE  STATE   INTERFACE  VRID  PRIORITY  VIPS                           LAST TRANSITION
                VI_A      MASTER  eth0       51    150/155   10.99.0.100/24,10.99.0.101/24  2026-11-22 02:13:15 (75s ago)
                VI_B      BACKUP  vrrp.52    52    100/100   -                              2026-11-22 01:13:20 (61m ago)
                """, table);
    }

    @Test
    void readsKeepalivedsEscapesAndNumbers() {
        Object v = Json.parse(" {\"a\":\"\\/x\\u0041\\\"\",\"n\":-3,\"f\":1.5e2,\"t\":true,\"z\":null,\"l\":[]} ");
        assertEquals(Map.of("a", "/xA\"", "n", -3L, "f", 150.0, "t", true, "l", List.of()),
                ((Map<?, ?>) v).entrySet().stream().filter(e -> e.getValue() != null)
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1,"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1} x"));
    }
}
