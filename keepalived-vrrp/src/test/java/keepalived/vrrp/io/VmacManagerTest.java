package keepalived.vrrp.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

class VmacManagerTest {
    private static byte[] mac(int... b) {
        byte[] m = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            m[i] = (byte) b[i];
        }
        return m;
    }

    @Test
    void defaultsFollowKeepalived() {
        assertEquals("vrrp.51", VmacManager.defaultName(51));
        assertArrayEquals(mac(0, 0, 0x5e, 0, 1, 51), VmacManager.virtualMac(51, false));
        assertArrayEquals(mac(0, 0, 0x5e, 0, 2, 255), VmacManager.virtualMac(255, true));
    }

    @Test
    void bareUseVmacHasNoNameNorMac() {
        VmacManager.Spec s = VmacManager.Spec.parse(List.of(), 7);
        assertNull(s.name());
        assertNull(s.mac());
    }

    @Test
    void nameAndMacInEitherOrder() {
        VmacManager.Spec s = VmacManager.Spec.parse(List.of("vmac1", "02:11:22:33:44:55"), 7);
        assertEquals("vmac1", s.name());
        assertArrayEquals(mac(2, 0x11, 0x22, 0x33, 0x44, 0x55), s.mac());
        s = VmacManager.Spec.parse(List.of("02:11:22:33:44:55", "vmac1"), 7);
        assertEquals("vmac1", s.name());
    }

    @Test
    void fiveOctetMacGetsTheVrid() {
        VmacManager.Spec s = VmacManager.Spec.parse(List.of("02:00:5e:00:01"), 9);
        assertNull(s.name());
        assertArrayEquals(mac(2, 0, 0x5e, 0, 1, 9), s.mac());
    }

    @Test
    void optionsAreSkipped() {
        VmacManager.Spec s = VmacManager.Spec.parse(List.of("netlink_notify_msg", "group", "g1", "v9"), 9);
        assertEquals("v9", s.name());
        assertNull(s.mac());
    }
}
