package dev.gatewayreports.model.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every component of every report record has its field: the JSON name of its {@code @JsonProperty}, in component
 * order, a title, a kind that fits its Java type, and an accessor that reads that very component. A component added
 * without one fails here (and a record added to the tree does not compile until {@link ReportFields#of} knows it).
 */
class ReportFieldsTest {

    private static final Object MARK = new Object();

    @Test
    void shouldDeclareAFieldForEveryComponentOfEveryReportRecord() throws Exception {
        Class<?>[] parts = ReportPart.class.getPermittedSubclasses();
        assertEquals(19, parts.length, "the report's records");
        for (Class<?> type : parts) {
            ReportFields<?> fields = (ReportFields<?>) type.getField("FIELDS").get(null);
            RecordComponent[] components = type.getRecordComponents();
            List<String> names = Arrays.stream(components)
                    .map(c -> c.getAccessor().getAnnotation(JsonProperty.class).value())
                    .toList();
            assertEquals(
                    names,
                    fields.all().stream().map(ReportField::name).toList(),
                    type.getSimpleName() + ": one field per component, named and ordered as its JSON");
            for (int i = 0; i < components.length; i++) {
                ReportField<?> field = fields.all().get(i);
                String where = type.getSimpleName() + "." + field.name();
                assertFalse(field.title().isBlank(), where + " has a title");
                assertTrue(fits(field.kind(), components[i].getType()), where + " is " + field.kind());
                assertReadsItsComponent(type, components, i, fields, where);
            }
            ReportPart sample = (ReportPart) instance(type, -1);
            assertSame(fields, ReportFields.of(sample), type.getSimpleName() + ": ReportFields.of finds its fields");
        }
    }

    @Test
    void shouldGiveEachColumnOneNameAndTitle() {
        Set<String> names = new HashSet<>();
        for (ReportColumn column : ReportColumn.values()) {
            assertTrue(names.add(column.jsonName()), column.jsonName());
            assertFalse(column.title().isBlank(), column.jsonName());
        }
    }

    @Test
    void shouldLeadWithTheTypesFocusAfterTheNameColumns() {
        assertEquals(
                List.of("model", "provider", "credits", "cost_usd", "requests", "percentage"),
                names(ModelRow.FIELDS, "cost").subList(0, 6));
        assertEquals(
                List.of("period_start", "period_end", "error_rate", "failed_requests", "total_requests"),
                names(PreviousPeriod.FIELDS, "error").subList(0, 5));
        assertEquals(
                List.of("avg_latency_ms", "p95_latency_ms", "total_requests"),
                names(Summary.FIELDS, "performance").subList(0, 3));
        assertEquals(names(Summary.FIELDS, null), names(Summary.FIELDS, "usage"));
        assertEquals(
                List.of("requests", "avg_latency_ms"),
                names(Latency.FIELDS, "performance").subList(0, 2));
    }

    private static List<String> names(ReportFields<?> fields, String reportType) {
        return fields.in(reportType).stream().map(ReportField::name).toList();
    }

    /** The field reads component i: in a record where only that component holds a mark, only it returns it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void assertReadsItsComponent(
            Class<?> type, RecordComponent[] components, int i, ReportFields<?> fields, String where) throws Exception {
        Object record = instance(type, i);
        Object mark = mark(components[i].getType());
        for (int j = 0; j < components.length; j++) {
            Object value = ((ReportField) fields.all().get(j)).valueOf(record);
            if (j == i) {
                assertEquals(mark, value, where + " reads its component");
            } else {
                assertNotEquals(mark, value, where + " is read by field " + j + " only");
            }
        }
    }

    /** A record of the type with defaults everywhere, and the mark in component {@code marked} (-1: none). */
    private static Object instance(Class<?> type, int marked) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = i == marked ? mark(types[i]) : blank(types[i]);
        }
        return type.getDeclaredConstructor(types).newInstance(args);
    }

    private static Object blank(Class<?> type) {
        if (type == long.class) {
            return 0L;
        }
        return type == boolean.class ? false : null;
    }

    private static Object mark(Class<?> type) throws Exception {
        if (type == long.class) {
            return 42L;
        }
        if (type == boolean.class) {
            return true;
        }
        if (type == Integer.class) {
            return 42;
        }
        if (type == BigDecimal.class) {
            return new BigDecimal("42.5");
        }
        if (type == String.class) {
            return "mark";
        }
        if (type == List.class) {
            return List.of(MARK);
        }
        return instance(type, -1);
    }

    private static boolean fits(FieldKind kind, Class<?> type) {
        if (type == long.class || type == Integer.class) {
            return kind == FieldKind.COUNT;
        }
        if (type == BigDecimal.class) {
            return kind.numeric() && kind != FieldKind.COUNT;
        }
        if (type == String.class) {
            return Set.of(FieldKind.TEXT, FieldKind.DATE, FieldKind.HOUR, FieldKind.INSTANT)
                    .contains(kind);
        }
        if (type == boolean.class) {
            return kind == FieldKind.FLAG;
        }
        return kind == FieldKind.PART;
    }
}
