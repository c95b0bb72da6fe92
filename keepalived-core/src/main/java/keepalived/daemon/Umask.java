package keepalived.daemon;

import keepalived.config.Block;
import keepalived.config.global.GlobalDefsKeywords;
import keepalived.sys.Native;

/**
 * The daemon's file creation mask, which the child processes and every script they run inherit:
 * -u/--umask, else global_defs umask, else 0177 (what keepalived 2.2.7 runs its scripts with when
 * neither is given, observed; its man page says IWGRP|IWOTH). keepalived's own files set their
 * modes explicitly (pid files 0644, dumps and FIFOs 0600), so only what scripts create sees it.
 */
public final class Umask {
    /** keepalived 2.2.7's mask when none is configured (observed). */
    public static final int DEFAULT = 0177;

    private Umask() {
    }

    /** The mask that applies: the command line's, else the configuration's, else {@link #DEFAULT}. */
    public static int of(Integer commandLine, Block globals) {
        if (commandLine != null) {
            return commandLine;
        }
        if (globals != null && globals.isSet(GlobalDefsKeywords.UMASK)) {
            return globals.get(GlobalDefsKeywords.UMASK);
        }
        return DEFAULT;
    }

    /** Sets the process's mask (see {@link #of}). */
    public static void apply(Integer commandLine, Block globals) {
        Native.umask(of(commandLine, globals));
    }
}
