package keepalived.config.global;

import keepalived.config.Origin;

/** A notify FIFO ({@code notify_fifo PATH [user [group]]}); user/group own the created FIFO. */
public record NotifyFifo(String path, String user, String group, Origin origin) {
}
