package dev.switchboard.calls;

import java.util.Locale;

/**
 * Where a fact about a call came from: an AMI event that said it, an estimate made when events
 * were missed (a resynchronisation, or a leg rebuilt from a later event's hold time), or
 * Asterisk's own queue_log. Stored beside the fact, so a figure can be traced to its source.
 */
public enum FactSource {
    AMI, RESYNC, QUEUE_LOG;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The source of a stored fact; a row or spill line written before sources were kept is AMI's. */
    public static FactSource fromCode(String code) {
        return code == null ? AMI : valueOf(code.toUpperCase(Locale.ROOT));
    }
}
