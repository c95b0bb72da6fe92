package keepalived.config.check;

import keepalived.config.Key;
import keepalived.config.Schema;

/** The top-level {@code SSL {}} block: the client context used by SSL_GET. */
public final class SslKeywords {
    private SslKeywords() {
    }

    public static final Key<String> PASSWORD = Key.of("password");
    public static final Key<String> CA = Key.of("ca");
    public static final Key<String> CERTIFICATE = Key.of("certificate");
    public static final Key<String> KEY = Key.of("key");

    public static final Schema SCHEMA = new Schema("SSL");

    static {
        file("password", PASSWORD, "password");
        file("ca", CA, "cafile");
        file("certificate", CERTIFICATE, "certfile");
        file("key", KEY, "keyfile");
    }

    private static void file(String word, Key<String> key, String what) {
        SCHEMA.value(word, key, a -> {
            if (!a.has(1)) {
                a.error("SSL " + what + " missing");
            }
            return a.word(1);
        });
    }
}
