package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The fields of a report record in the one order every writer uses (JSON, CSV, XLSX): the record's Jackson
 * properties (their {@code @JsonProperty} names, in component order), then {@link Focus} for the report type.
 * Computed once per record class and report type.
 */
public final class ReportFields {

    /** One field: its JSON key and its value (null when the record holds none). */
    public record Field(String key, Object value) {}

    private record Property(String key, AnnotatedMember accessor, boolean omitNull) {}

    private record Layout(Class<?> type, String reportType) {}

    private static final ObjectMapper INTROSPECTOR = JsonMapper.builder().build();
    private static final ConcurrentMap<Layout, List<Property>> LAYOUTS = new ConcurrentHashMap<>();

    private ReportFields() {}

    /** The JSON keys of a record class, in the order of a report type (null: no type's focus). */
    public static List<String> keys(Class<?> type, String reportType) {
        return properties(type, reportType).stream().map(Property::key).toList();
    }

    /** The fields of a record in the order of a report type; a null that the JSON leaves out is left out. */
    public static List<Field> of(Object record, String reportType) {
        List<Property> properties = properties(record.getClass(), reportType);
        List<Field> fields = new ArrayList<>(properties.size());
        for (Property p : properties) {
            Object value = p.accessor().getValue(record);
            if (value != null || !p.omitNull()) {
                fields.add(new Field(p.key(), value));
            }
        }
        return fields;
    }

    /** The fields of a record by key, for a writer that lines two records of the same figures up. */
    public static Map<String, Object> byKey(Object record) {
        Map<String, Object> values = new HashMap<>();
        if (record != null) {
            of(record, null).forEach(f -> values.put(f.key(), f.value()));
        }
        return values;
    }

    private static List<Property> properties(Class<?> type, String reportType) {
        String focus = Focus.of(reportType).get(0);
        return LAYOUTS.computeIfAbsent(new Layout(type, focus), layout -> introspect(type, reportType));
    }

    private static List<Property> introspect(Class<?> type, String reportType) {
        BeanDescription description =
                INTROSPECTOR.getSerializationConfig().introspect(INTROSPECTOR.constructType(type));
        JsonInclude.Value classInclusion = description.findPropertyInclusion(JsonInclude.Value.empty());
        Map<String, Property> byKey = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (BeanPropertyDefinition p : description.findProperties()) {
            AnnotatedMember accessor = p.getAccessor();
            if (accessor == null) {
                continue;
            }
            JsonInclude.Include inclusion =
                    classInclusion.withOverrides(p.findInclusion()).getValueInclusion();
            byKey.put(p.getName(), new Property(p.getName(), accessor, inclusion == JsonInclude.Include.NON_NULL));
            keys.add(p.getName());
        }
        return Focus.order(type, keys, reportType).stream().map(byKey::get).toList();
    }
}
