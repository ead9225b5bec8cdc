package dev.gatewayreports.reportapi.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Converts a report value to a {@link Cell} of its column's type. Numbers stay exact ({@link java.math.BigDecimal}, trailing
 * zeros stripped so a tree parsed into doubles and one parsed into decimals export alike: 640.0 and 640 are 640).
 * A value that does not fit the type (a string in a count column, a malformed date) becomes text: nothing is lost.
 */
final class CellValues {

    private CellValues() {}

    static Cell convert(ColumnType type, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return new Cell(type, null);
        }
        try {
            return switch (type) {
                case INTEGER, CREDITS, USD, PERCENT, MILLIS -> node.isNumber() ? number(type, node) : asText(node);
                case DATE -> new Cell(type, LocalDate.parse(node.asText()));
                case LOCAL_DATETIME ->
                    new Cell(type, OffsetDateTime.parse(node.asText()).toLocalDateTime());
                case UTC_OFFSET ->
                    new Cell(type, offset(OffsetDateTime.parse(node.asText()).getOffset()));
                case UTC_DATETIME ->
                    new Cell(type, OffsetDateTime.parse(node.asText()).toInstant());
                case TEXT -> node.isNumber() ? number(type, node) : asText(node);
            };
        } catch (DateTimeParseException | NumberFormatException e) {
            return asText(node);
        }
    }

    /** {@code UTC-04:00}, {@code UTC+05:30}, {@code UTC+00:00}: never starts with a sign a spreadsheet reads. */
    static String offset(ZoneOffset offset) {
        return "UTC" + (offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId());
    }

    private static Cell number(ColumnType type, JsonNode node) {
        return new Cell(type, node.decimalValue().stripTrailingZeros());
    }

    private static Cell asText(JsonNode node) {
        return Cell.text(node.isValueNode() ? node.asText() : node.toString());
    }
}
