package dev.gatewayreports.model.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The one bound on the instants a client may send: RFC 3339's four-digit years, {@value #RANGE}. PostgreSQL's
 * {@code timestamptz} holds 4713 BC to 294276 AD, so every instant inside the bound — and the windows built from it
 * (a report's previous period, a bucket snapped to a day) — is one it can store and compare; year 300000 or -5000
 * is a 400 naming its field, never an error from the database.
 */
public final class Timestamps {
    /** The accepted range, as a message says it. */
    public static final String RANGE = "0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z";
    /** The earliest instant accepted. */
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest instant accepted. */
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Timestamps() {}

    /** True when the instant is inside the bound. */
    public static boolean inRange(Instant instant) {
        return !instant.isBefore(MIN) && !instant.isAfter(MAX);
    }

    /**
     * An RFC 3339 timestamp with an offset (read as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}) inside the
     * bound, or null when the text is not one.
     */
    public static Instant parse(String text) {
        return parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** As {@link #parse(String)}, with the given format. */
    public static Instant parse(String text, DateTimeFormatter format) {
        if (text == null) {
            return null;
        }
        try {
            Instant instant = OffsetDateTime.parse(text, format).toInstant();
            return inRange(instant) ? instant : null;
        } catch (DateTimeException e) {
            return null;
        }
    }
}
