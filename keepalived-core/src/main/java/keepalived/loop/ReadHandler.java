package keepalived.loop;

import java.io.IOException;

/**
 * Called on the loop thread when a registered fd is readable (or has an error or hang-up, which
 * the next read reports). Epoll is level-triggered: read until EAGAIN or be called again.
 */
@FunctionalInterface
public interface ReadHandler {
    /** @param events the epoll event bits (EPOLLIN, EPOLLERR, EPOLLHUP...) */
    void onReadable(int events) throws IOException;
}
