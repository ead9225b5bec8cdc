package dev.gatewayreports.reportapi.export;

/**
 * One value of a table, already converted: a {@link java.math.BigDecimal}, {@link java.time.LocalDate}, {@link
 * java.time.LocalDateTime} (a local time), {@link java.time.Instant}, {@link String} or null (no value).
 *
 * @param type how the value is presented; a value that does not fit its column's type is a String of type TEXT
 * @param value the value
 */
public record Cell(ColumnType type, Object value) {

    /** A text cell (null for no value). */
    public static Cell text(String value) {
        return new Cell(ColumnType.TEXT, value);
    }
}
