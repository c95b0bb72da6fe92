package keepalived.netlink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the last known state of every link and turns raw RTM_NEWLINK/RTM_DELLINK messages into
 * what changed (up/down, carrier, rename, added, deleted). The kernel sends a full link message
 * for any change, often several per transition, so comparing with the previous state is the only
 * reliable way to tell a carrier loss from an MTU change. After an overflow, {@link #resync}
 * compares a fresh dump with what is known, reporting deletions missed meanwhile. Single thread.
 */
public final class LinkTracker {
    public enum Change { ADDED, UP, DOWN, CARRIER_UP, CARRIER_DOWN, RENAMED, DELETED }

    /** A link and what changed about it; {@code previous} is null for an added link. */
    public record LinkChange(Link link, Link previous, Set<Change> changes) {
    }

    private final Map<Integer, Link> links = new HashMap<>();

    /** Applies one event; the returned set is empty when nothing tracked changed. */
    public Set<Change> update(Link link, boolean deleted) {
        Link before = deleted ? links.remove(link.index()) : links.put(link.index(), link);
        if (deleted) {
            return EnumSet.of(Change.DELETED);
        }
        return diff(before, link);
    }

    /** Replaces the state with a full dump; returns every difference, deletions included. */
    public List<LinkChange> resync(Collection<Link> dump) {
        List<LinkChange> out = new ArrayList<>();
        Set<Integer> present = new HashSet<>();
        for (Link l : dump) {
            present.add(l.index());
            Link before = links.put(l.index(), l);
            Set<Change> c = diff(before, l);
            if (!c.isEmpty()) {
                out.add(new LinkChange(l, before, c));
            }
        }
        for (var it = links.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!present.contains(e.getKey())) {
                it.remove();
                out.add(new LinkChange(e.getValue(), e.getValue(), EnumSet.of(Change.DELETED)));
            }
        }
        return out;
    }

    public Optional<Link> get(int index) {
        return Optional.ofNullable(links.get(index));
    }

    public Optional<Link> get(String name) {
        return links.values().stream().filter(l -> name.equals(l.name())).findFirst();
    }

    private static Set<Change> diff(Link before, Link now) {
        if (before == null) {
            return EnumSet.of(Change.ADDED);
        }
        Set<Change> c = EnumSet.noneOf(Change.class);
        if (before.isUp() != now.isUp()) {
            c.add(now.isUp() ? Change.UP : Change.DOWN);
        }
        if (before.hasCarrier() != now.hasCarrier()) {
            c.add(now.hasCarrier() ? Change.CARRIER_UP : Change.CARRIER_DOWN);
        }
        if (before.name() != null && !before.name().equals(now.name())) {
            c.add(Change.RENAMED);
        }
        return c;
    }
}
