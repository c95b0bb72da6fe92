package keepalived.config.check;

import java.util.ArrayList;
import java.util.List;
import keepalived.config.Args;
import keepalived.config.Block;
import keepalived.config.Key;
import keepalived.config.Schema;

/** HTTP_GET / SSL_GET and their {@code url} blocks. */
public final class HttpCheckKeywords {
    private HttpCheckKeywords() {
    }

    /** The HTTP request version: 1.0, 1.0 with "Connection: close" (1.0C), or 1.1. */
    public enum HttpProtocol { HTTP_1_0, HTTP_1_0C, HTTP_1_1 }

    /** A status_code entry: one code or an inclusive range. */
    public record StatusRange(int from, int to) {
        public boolean contains(int code) {
            return code >= from && code <= to;
        }
    }

    public static final Key<List<Block>> URLS = Key.of("url", List.of());
    public static final Key<HttpProtocol> HTTP_PROTOCOL = Key.of("http_protocol", HttpProtocol.HTTP_1_0);
    public static final Key<Boolean> ENABLE_SNI = Key.of("enable_sni", false);
    public static final Key<String> SNI_NAME = Key.of("sni_name");
    public static final Key<Boolean> TLS_COMPLIANT = Key.of("tls_compliant", false);
    public static final Key<Boolean> FAST_RECOVERY = Key.of("fast_recovery", false);
    public static final Key<String> VIRTUALHOST = Key.of("virtualhost");

    // url block
    public static final Key<String> PATH = Key.of("path");
    /** The expected MD5 of the body, lower-case hex. */
    public static final Key<String> DIGEST = Key.of("digest");
    /** Accepted status codes; empty means keepalived's default 200-299. */
    public static final Key<List<StatusRange>> STATUS_CODES = Key.of("status_code", List.of());
    public static final Key<String> URL_VIRTUALHOST = Key.of("virtualhost");
    public static final Key<String> REGEX = Key.of("regex");
    public static final Key<Boolean> REGEX_NO_MATCH = Key.of("regex_no_match", false);
    public static final Key<List<String>> REGEX_OPTIONS = Key.of("regex_options", List.of());
    public static final Key<List<String>> REGEX_STACK = Key.of("regex_stack", List.of());
    public static final Key<String> REGEX_MIN_OFFSET = Key.of("regex_min_offset");
    public static final Key<String> REGEX_MAX_OFFSET = Key.of("regex_max_offset");
    public static final Key<Boolean> URL_TLS_COMPLIANT = Key.of("tls_compliant", false);

    public static final List<StatusRange> DEFAULT_STATUS = List.of(new StatusRange(200, 299));

    public static final Schema URL = new Schema("url");
    public static final Schema HTTP_GET = new Schema("HTTP_GET");
    public static final Schema SSL_GET = new Schema("SSL_GET");

    static {
        URL.string("path", PATH);
        URL.value("digest", DIGEST, HttpCheckKeywords::digest);
        URL.custom("status_code", (b, a) -> {
            List<StatusRange> l = new ArrayList<>();
            for (String w : a.from(1)) {
                StatusRange r = status(w);
                if (r == null) {
                    a.error("Invalid HTTP_GET status code '" + w + "'");
                    return;
                }
                l.add(r);
            }
            b.set(STATUS_CODES, List.copyOf(l), a.origin());
        });
        URL.value("virtualhost", URL_VIRTUALHOST, a -> {
            if (!a.has(1)) {
                a.error("Missing HTTP_GET virtualhost name");
            }
            return a.word(1);
        });
        // The regex keywords are compiled when the checker starts; -t does not look at them.
        URL.custom("regex", (b, a) -> b.set(REGEX, a.line().rest(), a.origin()));
        URL.bareFlag("regex_no_match", REGEX_NO_MATCH);
        URL.custom("regex_options", (b, a) -> b.set(REGEX_OPTIONS, List.copyOf(a.from(1)), a.origin()));
        URL.custom("regex_stack", (b, a) -> b.set(REGEX_STACK, List.copyOf(a.from(1)), a.origin()));
        URL.custom("regex_min_offset", (b, a) -> b.set(REGEX_MIN_OFFSET, a.word(1), a.origin()));
        URL.custom("regex_max_offset", (b, a) -> b.set(REGEX_MAX_OFFSET, a.word(1), a.origin()));
        URL.flag("tls_compliant", URL_TLS_COMPLIANT).since("2.4");
        URL.onClose((b, p) -> {
            if (!b.isSet(PATH)) {
                p.error(b.closeOrigin(), "HTTP/SSL_GET checker url has no path - ignoring");
            }
        });

        for (Schema s : List.of(HTTP_GET, SSL_GET)) {
            CheckerKeywords.connection(s);
            CheckerKeywords.timing(s);
            s.custom("nb_get_retry", (b, a) -> {
                a.warning("nb_get_retry is deprecated - please use 'retry'");
                Long v = a.integer(1, 0, 0xFFFFFFFFL);
                if (v == null) {
                    a.error("Invalid nb_get_retry value '" + a.word(1) + "'");
                    return;
                }
                b.set(CheckerKeywords.RETRY, v, a.origin());
            }).replacedBy("retry");
            s.value("http_protocol", HTTP_PROTOCOL, a -> {
                if (!a.has(1)) {
                    a.error("Missing http_protocol version");
                    return null;
                }
                switch (a.word(1)) {
                    case "1.0":
                        return HttpProtocol.HTTP_1_0;
                    case "1.0C", "1.0c":
                        return HttpProtocol.HTTP_1_0C;
                    case "1.1":
                        return HttpProtocol.HTTP_1_1;
                    default:
                        a.error("Invalid http_protocol version " + a.word(1));
                        return null;
                }
            });
            s.value("enable_sni", ENABLE_SNI, a -> CheckValues.bool(a, "enable_sni"));
            s.string("sni_name", SNI_NAME).since("2.4");
            s.flag("tls_compliant", TLS_COMPLIANT).since("2.4");
            s.value("fast_recovery", FAST_RECOVERY, a -> CheckValues.bool(a, "fast_recovery"));
            s.value("virtualhost", VIRTUALHOST, a -> {
                if (!a.has(1)) {
                    a.error("HTTP_GET virtualhost name missing");
                }
                return a.word(1);
            });
            s.blocks("url", URLS, URL);
            s.onClose((b, p) -> {
                if (b.get(URLS).isEmpty()) {
                    p.error(b.closeOrigin(), "HTTP/SSL_GET checker has no urls specified - ignoring");
                }
            });
        }
    }

    private static String digest(Args a) {
        String d = a.required(1);
        if (d.length() != 32) {
            a.error("digest '" + d + "' character length should be 32 rather than " + d.length());
            return null;
        }
        for (int i = 0; i < d.length(); i++) {
            if (Character.digit(d.charAt(i), 16) < 0) {
                int start = i - i % 2;
                a.error("Unable to interpret hex digit in '" + d + "' at offset " + start + "/" + (start + 1));
                return null;
            }
        }
        return d.toLowerCase(java.util.Locale.ROOT);
    }

    private static StatusRange status(String w) {
        int dash = w.indexOf('-');
        Long from = CheckValues.quietInteger(dash < 0 ? w : w.substring(0, dash), 100, 599);
        Long to = dash < 0 ? from : CheckValues.quietInteger(w.substring(dash + 1), 100, 599);
        if (from == null || to == null || to < from) {
            return null;
        }
        return new StatusRange(from.intValue(), to.intValue());
    }
}
