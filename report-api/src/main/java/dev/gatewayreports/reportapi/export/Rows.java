package dev.gatewayreports.reportapi.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

/** Columns and lazily converted rows of an array section of the report object. */
final class Rows {

    private Rows() {}

    /** The keys of an object in its own order; none for a missing, empty or non-object node. */
    static List<String> keys(JsonNode object) {
        if (object == null || !object.isObject()) {
            return List.of();
        }
        Set<String> keys = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(keys::add);
        return List.copyOf(keys);
    }

    /** The column per key; the {@code hour} key also yields a {@code utc_offset} column right after it. */
    static List<Column> columnsOf(List<String> keys) {
        List<Column> columns = new ArrayList<>();
        for (String key : keys) {
            columns.add(Column.of(key));
            if (key.equals("hour")) {
                columns.add(new Column("utc_offset", Labels.of("utc_offset"), ColumnType.UTC_OFFSET, "hour"));
            }
        }
        return List.copyOf(columns);
    }

    /** The rows of an array (a missing or non-array node has none), converted as they are iterated. */
    static Iterable<List<Cell>> of(JsonNode array, List<Column> columns) {
        if (array == null || !array.isArray()) {
            return List.of();
        }
        return () -> StreamSupport.stream(array.spliterator(), false)
                .map(row -> cells(row, columns))
                .iterator();
    }

    static List<Cell> cells(JsonNode row, List<Column> columns) {
        List<Cell> cells = new ArrayList<>(columns.size());
        for (Column column : columns) {
            cells.add(CellValues.convert(column.type(), row.get(column.sourceKey())));
        }
        return cells;
    }

    static Iterator<JsonNode> elements(JsonNode array) {
        return array != null && array.isArray()
                ? array.elements()
                : List.<JsonNode>of().iterator();
    }

    static JsonNode first(JsonNode array) {
        return array != null && array.isArray() && !array.isEmpty() ? array.get(0) : null;
    }
}
