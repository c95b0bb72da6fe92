package keepalived.config.vrrp;

import java.util.function.Function;
import keepalived.config.Args;
import keepalived.config.Block;
import keepalived.config.Key;

/** The optional word after a tracked object's {@code weight N}: {@code reverse} or {@code noreverse}. */
final class WeightOption {
    private WeightOption() {
    }

    /**
     * Sets {@code reverse} when word 2 is {@code reverse}; any other word but {@code noreverse}
     * is reported with the tracker's own wording ({@code unknown} gets the word).
     */
    static void readReverse(Block.Builder b, Args a, Key<Boolean> reverse, Function<String, String> unknown) {
        if (!a.has(2)) {
            return;
        }
        if (a.word(2).equals("reverse")) {
            b.set(reverse, true, a.origin());
        } else if (!a.word(2).equals("noreverse")) {
            a.error(unknown.apply(a.word(2)));
        }
    }
}
