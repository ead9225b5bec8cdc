package dev.gatewayreports.reportapi.schedules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewayreports.reportapi.reports.ReportType;
import dev.gatewayreports.reportapi.reports.Section;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code sections} of a schedule or delivery as stored (jsonb) and answered: every section with its boolean,
 * in report order, exactly as a report's own {@code sections} object.
 */
final class SectionFlags {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Boolean>> FLAGS = new TypeReference<>() {};

    private SectionFlags() {}

    /** Every section with whether it is shown. */
    static Map<String, Boolean> of(Set<Section> shown) {
        Map<String, Boolean> flags = new LinkedHashMap<>();
        for (Section section : Section.values()) {
            flags.put(section.wire(), shown.contains(section));
        }
        return flags;
    }

    static String json(Set<Section> shown) {
        try {
            return MAPPER.writeValueAsString(of(shown));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored flags completed with the type's defaults (a row written without sections shows the defaults). */
    static Map<String, Boolean> read(String json, ReportType type) {
        Map<String, Boolean> flags = of(Section.defaults(type));
        if (json == null) {
            return flags;
        }
        try {
            Map<String, Boolean> stored = MAPPER.readValue(json, FLAGS);
            stored.forEach((name, shown) -> {
                if (flags.containsKey(name) && shown != null) {
                    flags.put(name, shown);
                }
            });
            return flags;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored sections are not a JSON object of booleans", e);
        }
    }
}
