package keepalived.config.vrrp;

import java.util.List;
import keepalived.config.Key;
import keepalived.config.Schema;

/** Keyword table of {@code auth_hmac { }} in vrrp_instance (keepalived 2.4.2+, HMAC-SHA256 trailer). */
public final class AuthHmac {
    private AuthHmac() {
    }

    /** A {@code key ID SECRET} line; the secret as written (hex:, file: or a string). */
    public record HmacKey(int id, String secret) {
        @Override
        public String toString() {
            return id + " <secret>";
        }
    }

    public static final Key<List<HmacKey>> KEYS = Key.of("key", List.of());
    public static final Key<Integer> ACTIVE_KEY = Key.of("active_key");
    public static final Key<String> ANTI_REPLAY = Key.of("anti_replay", "time");
    public static final Key<Integer> TIME_WINDOW = Key.of("time_window", 30);
    public static final Key<String> MODE = Key.of("mode", "enforce");

    static void declare(Schema s) {
        s.custom("key", (b, a) -> {
            Long id = a.integer(1, 0, 255);
            String secret = a.required(2);
            if (id != null) {
                b.add(KEYS, new HmacKey(id.intValue(), secret), a.origin());
            }
        }).since("2.4").doc("ID hex:..|file:..|STRING");
        s.integer("active_key", ACTIVE_KEY, 0, 255).since("2.4").doc("key ID used to sign");
        s.custom("anti_replay", (b, a) -> oneOf(b, a, ANTI_REPLAY, "time", "monotonic")).since("2.4").doc("time|monotonic");
        s.integer("time_window", TIME_WINDOW, 1, 300).since("2.4").doc("seconds accepted (1..300)");
        s.custom("mode", (b, a) -> oneOf(b, a, MODE, "enforce", "permissive", "receive-only")).since("2.4")
                .doc("enforce|permissive|receive-only");
    }

    private static void oneOf(keepalived.config.Block.Builder b, keepalived.config.Args a, Key<String> key, String... allowed) {
        String w = a.required(1);
        if (List.of(allowed).contains(w)) {
            b.set(key, w, a.origin());
        } else {
            a.error("(" + b.name() + ") invalid auth_hmac " + key.name() + " '" + w + "'");
        }
    }
}
