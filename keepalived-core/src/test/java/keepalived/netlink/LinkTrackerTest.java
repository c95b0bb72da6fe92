package keepalived.netlink;

import static keepalived.netlink.IfLink.*;
import static keepalived.netlink.LinkTracker.Change.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkTrackerTest {
    private static Link link(int index, String name, int flags) {
        return new Link(index, name, 1, flags, 0, null, 1500, 0, -1, 0, 0, null, 0);
    }

    private final LinkTracker t = new LinkTracker();

    @Test
    void classifiesAdminStateCarrierAndRename() {
        assertEquals(EnumSet.of(ADDED), t.update(link(2, "eth0", IFF_UP | IFF_LOWER_UP), false));
        assertEquals(EnumSet.noneOf(LinkTracker.Change.class), t.update(link(2, "eth0", IFF_UP | IFF_LOWER_UP),
                false), "a repeated message with the same state is not a change");
        assertEquals(EnumSet.of(CARRIER_DOWN), t.update(link(2, "eth0", IFF_UP), false));
        assertEquals(EnumSet.of(DOWN), t.update(link(2, "eth0", 0), false));
        assertEquals(EnumSet.of(UP, CARRIER_UP), t.update(link(2, "eth0", IFF_UP | IFF_LOWER_UP), false));
        assertEquals(EnumSet.of(RENAMED), t.update(link(2, "wan0", IFF_UP | IFF_LOWER_UP), false));
        assertEquals("wan0", t.get(2).orElseThrow().name());
        assertTrue(t.get("wan0").isPresent());
        assertEquals(EnumSet.of(DELETED), t.update(link(2, "wan0", 0), true));
        assertTrue(t.get(2).isEmpty());
    }

    @Test
    void resyncReportsWhatWasMissedIncludingDeletions() {
        t.update(link(2, "eth0", IFF_UP | IFF_LOWER_UP), false);
        t.update(link(3, "eth1", IFF_UP | IFF_LOWER_UP), false);
        List<LinkTracker.LinkChange> changes = t.resync(List.of(link(2, "eth0", IFF_UP), link(4, "vrrp.1", 0)));
        assertEquals(3, changes.size());
        assertEquals(EnumSet.of(CARRIER_DOWN), changes.get(0).changes());
        assertEquals(EnumSet.of(ADDED), changes.get(1).changes());
        assertEquals(3, changes.get(2).link().index());
        assertEquals(EnumSet.of(DELETED), changes.get(2).changes());
        assertTrue(t.get(3).isEmpty());
    }
}
