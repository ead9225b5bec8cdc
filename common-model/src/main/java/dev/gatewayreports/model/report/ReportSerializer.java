package dev.gatewayreports.model.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Writes a report record as JSON in {@link ReportFields} order: the {@link Report} sets its type for the records
 * inside it, so a cost report's rows lead with credits and USD. Any mapper writes a report the same way, since the
 * records name this serializer themselves.
 */
public final class ReportSerializer extends StdSerializer<Record> {

    /** The per-call attribute holding the report type being written. */
    private static final Object REPORT_TYPE = ReportSerializer.class;

    public ReportSerializer() {
        super(Record.class);
    }

    @Override
    public void serialize(Record value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        String reportType;
        if (value instanceof Report report) {
            reportType = report.reportType();
            provider.setAttribute(REPORT_TYPE, reportType == null ? "" : reportType);
        } else {
            reportType = (String) provider.getAttribute(REPORT_TYPE);
        }
        gen.writeStartObject(value);
        for (ReportFields.Field field : ReportFields.of(value, reportType)) {
            gen.writeFieldName(field.key());
            provider.defaultSerializeValue(field.value(), gen);
        }
        gen.writeEndObject();
    }
}
