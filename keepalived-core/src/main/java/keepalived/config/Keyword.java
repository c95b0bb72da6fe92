package keepalived.config;

/**
 * The declaration of one configuration keyword: how its line (or block) is parsed, and the
 * facts that docs/compatibility.md is generated from. Declared once, in the table of the block
 * it belongs to ({@link Schema}).
 */
public final class Keyword {

    /** How the keyword's line is consumed. */
    public enum Kind {
        /** A single line: {@code priority 100}. */
        VALUE,
        /** A block of entries, one per line: {@code virtual_ipaddress { ... }}. */
        LIST,
        /** A block of keywords with its own table: {@code vrrp_instance VI_1 { ... }}. */
        BLOCK
    }

    /** How a block keyword stores what it parses. */
    public enum BlockMode {
        /** Each occurrence is a new child block appended to a list key. */
        NEW,
        /** All occurrences fill one child block (e.g. repeated {@code global_defs}). */
        MERGE,
        /** The inner keywords set values of the enclosing block (e.g. {@code authentication}). */
        INLINE
    }

    /** What keepalived-java does with the keyword at run time. */
    public enum Support {
        /** Parsed, checked and honoured at run time. */
        IMPLEMENTED,
        /** Parsed and checked, not acted on yet; {@code -t} says so ({@link KeywordNotice}). */
        PLANNED,
        /** Accepted for compatibility; keepalived itself gives it no effect (e.g. {@code preempt}). */
        NO_EFFECT,
        /** Parsed, but keepalived-java will not implement it; {@code -t} says so ({@link KeywordNotice}). */
        UNSUPPORTED
    }

    /**
     * Which keepalived process parses a top-level keyword. keepalived's parent, checker, VRRP
     * and BFD processes each parse the whole file with only their own top-level keywords
     * active (other blocks are skipped by counting braces); {@code -t} reproduces those passes.
     */
    public enum Owner {
        /** Root keywords and global_defs: the parent. */
        GLOBAL,
        /** vrrp_instance and friends: the VRRP child. */
        VRRP,
        /** virtual_server and friends: the checker child. */
        CHECK,
        /** bfd_instance: BFD, VRRP and checker children. */
        BFD,
        /** track_file: VRRP and checker children. */
        TRACK_FILE
    }

    /** Handles a keyword line (VALUE), an entry line (LIST), or a block header (BLOCK). */
    @FunctionalInterface
    public interface Handler {
        void handle(Block.Builder block, Args args);
    }

    private final String name;
    private final Kind kind;
    private final Handler handler;
    private final Schema sub;
    private final BlockMode mode;
    private final Key<?> target;
    private Support support = Support.PLANNED;
    private String since = "2.2.7";
    private String replacedBy;
    private String doc = "";
    private Owner owner = Owner.GLOBAL;

    Keyword(String name, Kind kind, Handler handler, Schema sub, BlockMode mode, Key<?> target) {
        this.name = name;
        this.kind = kind;
        this.handler = handler;
        this.sub = sub;
        this.mode = mode;
        this.target = target;
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public Handler handler() {
        return handler;
    }

    /** The table of a BLOCK keyword. */
    public Schema sub() {
        return sub;
    }

    public BlockMode mode() {
        return mode;
    }

    /** The key a BLOCK stores its child under ({@code Key<List<Block>>} or {@code Key<Block>}). */
    public Key<?> target() {
        return target;
    }

    public Support support() {
        return support;
    }

    /** The keepalived version that introduced the keyword ("2.2.7" means present in 2.2.7). */
    public String since() {
        return since;
    }

    /** For an old spelling, the keyword that replaces it. */
    public String replacedBy() {
        return replacedBy;
    }

    public String doc() {
        return doc;
    }

    /** The process that parses this keyword when it stands at the top level. */
    public Owner owner() {
        return owner;
    }

    /** Sets the owning process of a top-level keyword (default GLOBAL). */
    public Keyword owner(Owner o) {
        this.owner = o;
        return this;
    }

    // ---- declaration-time setters (tables are built in static initialisers) ----

    public Keyword support(Support s) {
        this.support = s;
        return this;
    }

    public Keyword unsupported() {
        return support(Support.UNSUPPORTED);
    }

    public Keyword noEffect() {
        return support(Support.NO_EFFECT);
    }

    /** The keyword is newer than keepalived 2.2.7 (Debian's 2.2.7 rejects it). */
    public Keyword since(String version) {
        this.since = version;
        return this;
    }

    public Keyword replacedBy(String keyword) {
        this.replacedBy = keyword;
        return this;
    }

    public Keyword doc(String text) {
        this.doc = text;
        return this;
    }

    @Override
    public String toString() {
        return name + " (" + kind + ")";
    }

}
