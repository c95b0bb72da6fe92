package keepalived.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jnr.constants.platform.Errno;
import keepalived.sys.FileDescriptor;
import keepalived.sys.LinuxConstants;
import keepalived.sys.Native;
import keepalived.sys.NativeException;
import org.junit.jupiter.api.Test;

class InterfacesTest {
    @Test
    void loopbackHasAnAllZeroMac() throws Exception {
        try (FileDescriptor fd = new FileDescriptor(Native.socket(LinuxConstants.AF_INET, LinuxConstants.SOCK_DGRAM, 0))) {
            assertArrayEquals(new byte[6], Interfaces.hardwareAddress(fd.intValue(), "lo"));
            NativeException e = assertThrows(NativeException.class,
                    () -> Interfaces.hardwareAddress(fd.intValue(), "kjnosuch0"));
            assertEquals(Errno.ENODEV, e.errno());
            assertEquals("ioctl(fd=" + fd.intValue() + ", request=0x8927): ENODEV (No such device)", e.getMessage());
        }
    }

    @Test
    void tooLongNamesAreRefusedBeforeTheKernelSeesThem() {
        assertThrows(IllegalArgumentException.class, () -> Interfaces.ifreq("sixteen-chars-xx"));
    }
}
