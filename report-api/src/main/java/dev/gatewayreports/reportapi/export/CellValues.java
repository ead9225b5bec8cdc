package dev.gatewayreports.reportapi.export;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Converts a report field's value to a {@link Cell} of its column's type. Numbers stay exact ({@link java.math.BigDecimal}, trailing
 * zeros stripped so a tree parsed into doubles and one parsed into decimals export alike: 640.0 and 640 are 640).
 * A value that does not fit the type (a string in a count column, a malformed date) becomes text: nothing is lost.
 */
final class CellValues {

    private CellValues() {}

    static Cell convert(ColumnType type, Object value) {
        if (value == null) {
            return new Cell(type, null);
        }
        try {
            return switch (type) {
                case INTEGER, CREDITS, USD, PERCENT, MILLIS, TEXT -> number(type, value);
                case DATE -> new Cell(type, LocalDate.parse(value.toString()));
                case LOCAL_DATETIME ->
                    new Cell(type, OffsetDateTime.parse(value.toString()).toLocalDateTime());
                case UTC_OFFSET ->
                    new Cell(type, offset(OffsetDateTime.parse(value.toString()).getOffset()));
                case UTC_DATETIME ->
                    new Cell(type, OffsetDateTime.parse(value.toString()).toInstant());
            };
        } catch (DateTimeParseException | NumberFormatException e) {
            return Cell.text(value.toString());
        }
    }

    /** {@code UTC-04:00}, {@code UTC+05:30}, {@code UTC+00:00}: never starts with a sign a spreadsheet reads. */
    static String offset(ZoneOffset offset) {
        return "UTC" + (offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId());
    }

    /** A number as an exact decimal of the type; anything else as text. */
    private static Cell number(ColumnType type, Object value) {
        return switch (value) {
            case BigDecimal d -> new Cell(type, d.stripTrailingZeros());
            case Long l -> new Cell(type, BigDecimal.valueOf(l).stripTrailingZeros());
            case Integer i -> new Cell(type, BigDecimal.valueOf(i).stripTrailingZeros());
            default -> Cell.text(value.toString());
        };
    }
}
