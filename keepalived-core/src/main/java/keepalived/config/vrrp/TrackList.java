package keepalived.config.vrrp;

import java.util.List;
import keepalived.config.Args;
import keepalived.config.Block;
import keepalived.config.Key;
import keepalived.config.Problems;
import keepalived.config.Schema;
import keepalived.config.Values;

/**
 * The {@code track_*} value blocks of vrrp_instance and vrrp_sync_group, whose entries are
 * {@code NAME [weight N [reverse|noreverse]]}. Each kind has keepalived's own wording and
 * weight range; the owner's name (instance or group) prefixes every message.
 */
public enum TrackList {
    INTERFACE("track_interface", "track_interface", 253),
    SCRIPT("track_script", "track script", 253),
    FILE("track_file", "track file", 254),
    PROCESS("track_process", "track process", 254),
    BFD("track_bfd", "track bfd", 253);

    private final String keyword;
    private final String noun;
    private final int maxWeight;

    TrackList(String keyword, String noun, int maxWeight) {
        this.keyword = keyword;
        this.noun = noun;
        this.maxWeight = maxWeight;
    }

    public String keyword() {
        return keyword;
    }

    /** How keepalived names this kind in messages ("track script"). */
    public String noun() {
        return noun;
    }

    /** Declares the value block in {@code schema}, collecting entries into {@code key}. */
    public void declare(Schema schema, Key<List<TrackRef>> key) {
        schema.listCustom(keyword, key, (b, a) -> {
            // keepalived looks for a duplicate before reading the entry's options
            for (TrackRef other : b.get(key)) {
                if (other.name().equals(a.word(0))) {
                    a.error("(" + b.name() + ") duplicate " + keyword + " " + a.word(0) + " - ignoring");
                    return;
                }
            }
            b.add(key, parse(b, a), a.origin());
        }).doc("entries NAME [weight N] [reverse|noreverse]");
    }

    private TrackRef parse(Block.Builder b, Args a) {
        String owner = "(" + b.name() + ") ";
        String name = a.word(0);
        Integer weight = null;
        boolean reverse = false;
        int i = 1;
        while (i < a.size()) {
            String w = a.word(i);
            if (w.equals("weight")) {
                if (!a.has(i + 1)) {
                    a.error(owner + "weight without value specified for " + noun + " " + name + " - ignoring");
                    break;
                }
                weight = weight(owner, name, a.word(i + 1), a);
                i += 2;
                if (a.has(i)) {
                    String r = a.word(i);
                    if (r.equals("reverse")) {
                        reverse = true;
                    } else if (!r.equals("noreverse")) {
                        a.error(owner + "unknown " + (this == INTERFACE ? "track_interace" : keyword) + " " + name
                                + " weight option " + r + " - ignoring");
                    }
                    i++;
                }
            } else if (w.equals("reverse")) {
                reverse = true;
                i++;
            } else if (w.equals("noreverse")) {
                i++;
            } else {
                a.error(owner + switch (this) {
                    case INTERFACE -> "unknown track_interface " + name + " option " + w + " - ignoring";
                    case BFD -> "unknown track bfd " + name + " option " + w + " - ignoring";
                    default -> "unknown " + noun + " option " + w + " - ignoring";
                });
                i++;
            }
        }
        return new TrackRef(name, weight, reverse, a.origin(), a.position());
    }

    private Integer weight(String owner, String name, String text, Args a) {
        Problems p = a.problems();
        Long v;
        if (text.matches("-?\\d{11,}")) {
            p.report(keepalived.config.Severity.INVALID_NUMBER, a.origin(), "number '" + text + "' outside integer range");
            v = null;
        } else {
            v = Values.integer(text, -254, 254, a.origin(), p);
        }
        if (v != null && Math.abs(v) <= maxWeight) {
            return v.intValue();
        }
        if (v != null && this == INTERFACE) {
            a.error(owner + "weight for " + name + " cannot be +/-254. Setting to +/-253");
            return v > 0 ? 253 : -253;
        }
        a.error(owner + switch (this) {
            case INTERFACE -> "weight " + text + " for " + name + " must be between [-253..253] inclusive. Ignoring...";
            case SCRIPT -> "track script " + name + ": weight must be between [-253..253] inclusive, ignoring...";
            case FILE -> "weight for track file " + name + " must be in [-254..254] inclusive. Ignoring...";
            case PROCESS -> "weight for track process " + name + " must be in [-254..254] inclusive. Ignoring...";
            case BFD -> "weight for track bfd " + name + " must be in [-253..253] inclusive. Ignoring...";
        });
        return null;
    }
}
