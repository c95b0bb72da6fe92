package keepalived.sys;

/** Entry point for {@link UnprivilegedJvm}: tries one privileged call and prints the outcome. */
public final class NativeProbeMain {
    private NativeProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "packet-socket" -> {
                try {
                    int fd = Native.socket(LinuxConstants.AF_PACKET, LinuxConstants.SOCK_RAW, 0x0608);
                    Native.close(fd);
                    System.out.println("OK");
                } catch (NativeException e) {
                    System.out.println("errno=" + e.errno().name() + " message=" + e.getMessage());
                }
            }
            case "capabilities" -> System.out.println(Capabilities.current().networkProblem().orElse("OK"));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
