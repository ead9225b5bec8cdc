package dev.gatewayreports.model.report;

/** What a report field holds, which decides how every export presents it (docs/report-object.md). */
public enum FieldKind {
    /** A count: requests, tokens, errors, an HTTP status. */
    COUNT,
    /** Credits, an exact decimal. */
    CREDITS,
    /** US dollars, an exact decimal. */
    USD,
    /** A percent as the report holds it: 55.1 means 55.1 %. */
    PERCENT,
    /** Milliseconds. */
    MILLIS,
    /** A local calendar day, {@code yyyy-MM-dd}. */
    DATE,
    /** The local start of an hour with its UTC offset. */
    HOUR,
    /** An instant, RFC 3339 UTC. */
    INSTANT,
    /** Text. */
    TEXT,
    /** Whether a section is shown. */
    FLAG,
    /** A nested record or a list of rows: a part of the report, not a cell. */
    PART;

    /** Whether the values are numbers. */
    public boolean numeric() {
        return this == COUNT || this == CREDITS || this == USD || this == PERCENT || this == MILLIS;
    }
}
