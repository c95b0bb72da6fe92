package keepalived.config.check;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import keepalived.config.Args;
import keepalived.config.Block;
import keepalived.config.Key;
import keepalived.config.Schema;

/** SMTP_CHECK, MISC_CHECK, DNS_CHECK, UDP_CHECK, FILE_CHECK and BFD_CHECK tables. */
public final class OtherCheckKeywords {
    private OtherCheckKeywords() {
    }

    /** DNS_CHECK query types. */
    public enum DnsType { A, NS, CNAME, SOA, MX, TXT, AAAA, RRSIG, DNSKEY }

    /** FILE_CHECK {@code weight N [reverse]}. */
    public record FileWeight(int weight, boolean reverse) {
    }

    // SMTP_CHECK
    public static final Key<String> HELO_NAME = Key.of("helo_name");
    /** Deprecated {@code host {}} sub-blocks: each is a further connection to check. */
    public static final Key<List<Block>> SMTP_HOSTS = Key.of("host", List.of());
    // MISC_CHECK
    public static final Key<ScriptCommand> MISC_PATH = Key.of("misc_path");
    /** Seconds. */
    public static final Key<Long> MISC_TIMEOUT = Key.of("misc_timeout");
    public static final Key<Boolean> MISC_DYNAMIC = Key.of("misc_dynamic", false);
    /** {@code user USER [GROUP]}. */
    public static final Key<List<String>> USER = Key.of("user", List.of());
    /** Set when keepalived drops the MISC_CHECK (its user does not exist). */
    public static final Key<Boolean> MISC_REMOVED = Key.of("misc_check removed", false);
    // DNS_CHECK
    public static final Key<DnsType> DNS_TYPE = Key.of("type", DnsType.SOA);
    public static final Key<String> DNS_NAME = Key.of("name", ".");
    // UDP_CHECK
    public static final Key<byte[]> PAYLOAD = Key.of("payload");
    /** The expected reply, hex with 'X' wildcards kept as written; "" means any reply. */
    public static final Key<String> REQUIRE_REPLY = Key.of("require_reply");
    public static final Key<Integer> MIN_REPLY_LENGTH = Key.of("min_reply_length", 0);
    public static final Key<Integer> MAX_REPLY_LENGTH = Key.of("max_reply_length", 255);
    // FILE_CHECK
    public static final Key<String> TRACK_FILE = Key.of("track_file");
    public static final Key<FileWeight> FILE_WEIGHT = Key.of("weight");
    // BFD_CHECK
    public static final Key<String> BFD_NAME = Key.of("name");
    /** Set when BFD_CHECK's name line had no or several names (reported by the validator). */
    static final Key<Boolean> BFD_NAME_INVALID = Key.of("name (invalid)", false);

    public static final Schema SMTP = new Schema("SMTP_CHECK");
    public static final Schema SMTP_HOST = new Schema("host");
    public static final Schema MISC = new Schema("MISC_CHECK");
    public static final Schema DNS = new Schema("DNS_CHECK");
    public static final Schema UDP = new Schema("UDP_CHECK");
    public static final Schema FILE = new Schema("FILE_CHECK");
    public static final Schema BFD = new Schema("BFD_CHECK");

    static {
        CheckerKeywords.connection(SMTP);
        CheckerKeywords.timing(SMTP);
        SMTP.value("helo_name", HELO_NAME, a -> {
            if (!a.has(1)) {
                a.error("SMTP_CHECK helo name missing");
            }
            return a.word(1);
        });
        CheckerKeywords.connection(SMTP_HOST);
        CheckerKeywords.retryAndDelays(SMTP_HOST);
        SMTP_HOST.value("alpha", CheckerKeywords.ALPHA, a -> CheckValues.bool(a, "alpha"));
        SMTP.blocks("host", SMTP_HOSTS, SMTP_HOST).replacedBy("connect_ip").doc("deprecated; one more server to check");

        CheckerKeywords.timing(MISC);
        MISC.custom("misc_path", (b, a) -> {
            ScriptCommand sc = a.has(1) ? CheckValues.script(a) : null;
            if (sc != null) {
                b.set(MISC_PATH, sc, a.origin());
            }
        });
        MISC.value("misc_timeout", MISC_TIMEOUT, a -> {
            Long v = a.integer(1, 1, 0xFFFFFFFFL / 1_000_000);
            if (v == null) {
                a.error("Invalid misc_timeout value '" + a.word(1) + "'");
            }
            return v;
        });
        MISC.bareFlag("misc_dynamic", MISC_DYNAMIC);
        MISC.custom("user", (b, a) -> {
            if (!a.has(1)) {
                a.error("No user specified for misc checker script ");
                return;
            }
            if (!Users.exists(a.word(1)) || (a.has(2) && !Users.groupExists(a.word(2)))) {
                a.error("Failed to set uid/gid for misc checker script  - removing");
                b.set(MISC_REMOVED, Boolean.TRUE, a.origin());
                return;
            }
            b.set(USER, List.copyOf(a.from(1)), a.origin());
        });
        MISC.onClose((b, p) -> {
            if (!b.isSet(MISC_PATH) && !b.get(MISC_REMOVED)) {
                p.error(b.closeOrigin(), "No script path has been specified for MISC_CHECKER - skipping");
            }
        });

        CheckerKeywords.connection(DNS);
        CheckerKeywords.timing(DNS);
        DNS.value("type", DNS_TYPE, a -> {
            String t = a.required(1);
            try {
                return DnsType.valueOf(t.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                a.error("Unknown DNS check type " + t + " - ignoring");
                return null;
            }
        });
        DNS.string("name", DNS_NAME);

        CheckerKeywords.connection(UDP);
        CheckerKeywords.timing(UDP);
        UDP.value("payload", PAYLOAD, a -> {
            if (!a.has(1)) {
                a.error("UDP_CHECK payload requires a payload");
                return null;
            }
            if (!isHex(a.word(1), false)) {
                a.error("Invalid hex string for UDP_CHECK payload");
                return null;
            }
            return HexFormat.of().parseHex(a.word(1));
        });
        UDP.value("require_reply", REQUIRE_REPLY, a -> {
            if (!a.has(1)) {
                return "";
            }
            if (!isHex(a.word(1), true)) {
                a.error("Invalid hex string for UDP_CHECK reply");
                return null;
            }
            return a.word(1);
        });
        UDP.value("min_reply_length", MIN_REPLY_LENGTH, a -> length(a, "min"));
        UDP.value("max_reply_length", MAX_REPLY_LENGTH, a -> length(a, "max"));

        FILE.string("track_file", TRACK_FILE);
        FILE.value("weight", FILE_WEIGHT, a -> {
            if (!a.has(1)) {
                a.error("track file weight missing");
                return null;
            }
            Long w = a.integer(1, -2147483647L, 2147483647L);
            if (w == null) {
                a.error("weight for track file must be in [-2147483647..2147483647] inclusive. Ignoring...");
                return null;
            }
            return new FileWeight(w.intValue(), "reverse".equals(a.word(2)));
        });

        BFD.custom("name", (b, a) -> {
            if (a.size() != 2) {
                // keepalived names the real server here; the validator repeats it with the name
                b.set(BFD_NAME_INVALID, Boolean.TRUE, a.origin());
                return;
            }
            b.set(BFD_NAME, a.word(1), a.origin());
        });
        BFD.value("alpha", CheckerKeywords.ALPHA, a -> CheckValues.bool(a, "alpha"));
    }


    private static Integer length(Args a, String which) {
        Long v = a.integer(1, 0, 65535);
        if (v == null) {
            a.error("UDP_CHECK " + which + " length " + a.word(1) + " not valid - must be between 0 & 65535");
            return null;
        }
        return v.intValue();
    }

    private static boolean isHex(String s, boolean wildcards) {
        if (s.isEmpty() || s.length() % 2 != 0) {
            return false;
        }
        for (char c : s.toCharArray()) {
            if (Character.digit(c, 16) < 0 && !(wildcards && (c == 'X' || c == 'x'))) {
                return false;
            }
        }
        return true;
    }
}
