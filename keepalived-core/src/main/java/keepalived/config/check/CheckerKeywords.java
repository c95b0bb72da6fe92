package keepalived.config.check;

import java.net.InetAddress;
import java.util.List;
import keepalived.config.Block;
import keepalived.config.Key;
import keepalived.config.Schema;

/**
 * Keywords shared by the checker blocks under a {@code real_server} (TCP_CHECK, HTTP_GET ...):
 * the connection settings and the retry/timing settings. A checker's type is its
 * {@link Block#keyword()}; unset values are inherited from the real server, then the virtual
 * server, then the checker type's default ({@link #effectiveRetry} etc.).
 */
public final class CheckerKeywords {
    private CheckerKeywords() {
    }

    public static final Key<InetAddress> CONNECT_IP = Key.of("connect_ip");
    public static final Key<Integer> CONNECT_PORT = Key.of("connect_port");
    public static final Key<InetAddress> BINDTO = Key.of("bindto");
    public static final Key<Integer> BIND_PORT = Key.of("bind_port");
    public static final Key<String> BIND_IF = Key.of("bind_if");
    public static final Key<Long> FWMARK = Key.of("fwmark");
    /** Microseconds. */
    public static final Key<Long> CONNECT_TIMEOUT = Key.of("connect_timeout");
    public static final Key<Long> RETRY = Key.of("retry");
    /** Microseconds. */
    public static final Key<Long> DELAY_BEFORE_RETRY = Key.of("delay_before_retry");
    /** Microseconds. */
    public static final Key<Long> WARMUP = Key.of("warmup");
    /** Microseconds. */
    public static final Key<Long> DELAY_LOOP = Key.of("delay_loop");
    public static final Key<Boolean> ALPHA = Key.of("alpha", false);
    public static final Key<Boolean> LOG_ALL_FAILURES = Key.of("log_all_failures", false);

    /** Default check interval and connect timeout, in microseconds. */
    public static final long DEFAULT_DELAY_LOOP = 60_000_000L;
    public static final long DEFAULT_CONNECT_TIMEOUT = 5_000_000L;

    /** connect_ip ... fwmark, connect_timeout: checkers that open a connection. */
    static void connection(Schema s) {
        s.value("connect_ip", CONNECT_IP, a -> {
            InetAddress ip = CheckValues.ip(a.required(1));
            if (ip == null) {
                a.error("Invalid connect_ip address " + a.word(1) + " - ignoring");
            }
            return ip;
        });
        s.value("connect_port", CONNECT_PORT, a -> port(a, "Invalid checker connect_port '"));
        s.value("bindto", BINDTO, a -> {
            InetAddress ip = CheckValues.ip(a.required(1));
            if (ip == null) {
                a.error("Invalid bindto address " + a.word(1) + " - ignoring");
            }
            return ip;
        });
        s.value("bind_port", BIND_PORT, a -> port(a, "Invalid checker bind_port '"));
        s.string("bind_if", BIND_IF);
        s.value("fwmark", FWMARK, a -> {
            Long v = a.integer(1, 0, 0xFFFFFFFFL);
            if (v == null) {
                a.error("Invalid fwmark connection value '" + a.word(1) + "'");
            }
            return v;
        });
        s.value("connect_timeout", CONNECT_TIMEOUT, a -> {
            Long v = CheckValues.timer(a, 1, 1, CheckValues.MAX_INT_TIMER);
            if (v == null) {
                a.error("connect_timeout " + a.word(1) + " invalid - ignoring");
            }
            return v;
        });
    }

    private static Integer port(keepalived.config.Args a, String msg) {
        Long v = a.integer(1, 1, 65535);
        if (v == null) {
            a.error(msg + a.word(1) + "'");
            return null;
        }
        return v.intValue();
    }

    /** retry, delay_before_retry, warmup, delay_loop, alpha, log_all_failures. */
    static void timing(Schema s) {
        retryAndDelays(s);
        s.value("delay_loop", DELAY_LOOP, a -> {
            Long v = CheckValues.timer(a, 1, 1, CheckValues.MAX_LONG_TIMER);
            if (v == null) {
                a.error("delay_loop '" + a.word(1) + "' is invalid - ignoring");
            }
            return v;
        });
        s.value("alpha", ALPHA, a -> CheckValues.bool(a, "alpha"));
        s.value("log_all_failures", LOG_ALL_FAILURES, a -> CheckValues.bool(a, "log_all_failures"));
    }

    /** retry, delay_before_retry, warmup (also the body of SMTP_CHECK's old host blocks). */
    static void retryAndDelays(Schema s) {
        s.value("retry", RETRY, a -> {
            Long v = a.integer(1, 0, 0xFFFFFFFFL);
            if (v == null) {
                a.error("Invalid retry connection value '" + a.word(1) + "'");
            }
            return v;
        });
        s.value("delay_before_retry", DELAY_BEFORE_RETRY, a -> CheckValues.timer(a, 1, 0, CheckValues.MAX_LONG_TIMER));
        s.value("warmup", WARMUP, a -> CheckValues.timer(a, 1, 0, CheckValues.MAX_LONG_TIMER));
    }

    /** Installs every checker block type into a real_server table, all stored under {@code key}. */
    static void installAll(Schema rs, Key<List<Block>> key) {
        rs.blocks("TCP_CHECK", key, TCP).doc("TCP connect check");
        rs.blocks("HTTP_GET", key, HttpCheckKeywords.HTTP_GET).doc("HTTP GET with status/digest/regex checks");
        rs.blocks("SSL_GET", key, HttpCheckKeywords.SSL_GET).doc("HTTPS GET");
        rs.blocks("SMTP_CHECK", key, OtherCheckKeywords.SMTP).doc("SMTP greeting/HELO check");
        rs.blocks("MISC_CHECK", key, OtherCheckKeywords.MISC).doc("external script check");
        rs.blocks("DNS_CHECK", key, OtherCheckKeywords.DNS).doc("DNS query check");
        rs.blocks("UDP_CHECK", key, OtherCheckKeywords.UDP).doc("UDP payload/reply check");
        rs.blocks("PING_CHECK", key, PING).doc("ICMP echo check");
        rs.blocks("FILE_CHECK", key, OtherCheckKeywords.FILE).doc("weight from a track_file");
        rs.blocks("BFD_CHECK", key, OtherCheckKeywords.BFD).doc("state of a bfd_instance");
    }

    public static final Schema TCP = new Schema("TCP_CHECK");
    public static final Schema PING = new Schema("PING_CHECK");

    static {
        connection(TCP);
        timing(TCP);
        connection(PING);
        timing(PING);
    }

    // ---- effective values, for the checker runtime ----

    /** retry: checker, else real server, else virtual server, else the type's default. */
    public static long effectiveRetry(Block checker, Block rs, Block vs) {
        Long v = inherited(checker, rs, vs, RETRY, RealServerKeywords.RETRY, VirtualServerKeywords.RETRY);
        if (v != null) {
            return v;
        }
        return switch (checker.keyword()) {
            case "DNS_CHECK" -> 3;
            case "MISC_CHECK" -> 0;
            default -> 1;
        };
    }

    /** delay_loop in microseconds (default 60 s). */
    public static long effectiveDelayLoop(Block checker, Block rs, Block vs) {
        Long v = inherited(checker, rs, vs, DELAY_LOOP, RealServerKeywords.DELAY_LOOP, VirtualServerKeywords.DELAY_LOOP);
        return v != null ? v : DEFAULT_DELAY_LOOP;
    }

    /** delay_before_retry in microseconds (1 s; HTTP/SSL 3 s; DNS = delay_loop). */
    public static long effectiveDelayBeforeRetry(Block checker, Block rs, Block vs) {
        Long v = inherited(checker, rs, vs, DELAY_BEFORE_RETRY, RealServerKeywords.DELAY_BEFORE_RETRY,
                VirtualServerKeywords.DELAY_BEFORE_RETRY);
        if (v != null) {
            return v;
        }
        return switch (checker.keyword()) {
            case "HTTP_GET", "SSL_GET" -> 3_000_000L;
            case "DNS_CHECK" -> effectiveDelayLoop(checker, rs, vs);
            default -> 1_000_000L;
        };
    }

    /** connect_timeout in microseconds (default 5 s). */
    public static long effectiveConnectTimeout(Block checker, Block rs, Block vs) {
        Long v = inherited(checker, rs, vs, CONNECT_TIMEOUT, RealServerKeywords.CONNECT_TIMEOUT,
                VirtualServerKeywords.CONNECT_TIMEOUT);
        return v != null ? v : DEFAULT_CONNECT_TIMEOUT;
    }

    /** warmup in microseconds (default = delay_loop). */
    public static long effectiveWarmup(Block checker, Block rs, Block vs) {
        Long v = inherited(checker, rs, vs, WARMUP, RealServerKeywords.WARMUP, VirtualServerKeywords.WARMUP);
        return v != null ? v : effectiveDelayLoop(checker, rs, vs);
    }

    private static <T> T inherited(Block c, Block rs, Block vs, Key<T> ck, Key<T> rk, Key<T> vk) {
        if (c.isSet(ck)) {
            return c.get(ck);
        }
        if (rs != null && rs.isSet(rk)) {
            return rs.get(rk);
        }
        if (vs != null && vs.isSet(vk)) {
            return vs.get(vk);
        }
        return null;
    }
}
