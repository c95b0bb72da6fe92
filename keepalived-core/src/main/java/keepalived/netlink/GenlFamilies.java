package keepalived.netlink;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jnr.constants.platform.Errno;

/**
 * Resolves generic netlink families by name (CTRL_CMD_GETFAMILY), e.g. "IPVS" for the IPVS
 * client: the family id is dynamic and must be asked for before any request.
 */
public final class GenlFamilies implements AutoCloseable {
    private final NetlinkSocket socket;
    private final MessageBuilder b = new MessageBuilder(256);

    private GenlFamilies(NetlinkSocket socket) {
        this.socket = socket;
    }

    public static GenlFamilies open() throws IOException {
        return new GenlFamilies(NetlinkSocket.open(Netlink.NETLINK_GENERIC));
    }

    /** One-shot lookup on a short-lived socket; empty when the family is not registered. */
    public static Optional<GenlFamily> lookup(String name) throws IOException {
        try (GenlFamilies f = open()) {
            return f.find(name);
        }
    }

    /** Empty when the kernel has no such family (ENOENT, e.g. ip_vs not loaded). */
    public Optional<GenlFamily> find(String name) throws IOException {
        GenlFamily.encodeGetFamily(b, name);
        try {
            List<Message> r = socket.query("CTRL_CMD_GETFAMILY " + name, b);
            return r.isEmpty() ? Optional.empty() : Optional.of(GenlFamily.decode(r.get(0)));
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENOENT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public NetlinkSocket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
