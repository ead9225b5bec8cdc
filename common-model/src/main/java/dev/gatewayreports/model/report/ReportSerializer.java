package dev.gatewayreports.model.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Writes a report record as JSON from its declared {@link ReportFields}, in their order: the {@link Report} sets its type for the records
 * inside it, so a cost report's rows lead with credits and USD. Any mapper writes a report the same way, since the
 * records name this serializer themselves.
 */
public final class ReportSerializer extends StdSerializer<ReportPart> {

    /** The per-call attribute holding the report type being written. */
    private static final Object REPORT_TYPE = ReportSerializer.class;

    public ReportSerializer() {
        super(ReportPart.class);
    }

    @Override
    public void serialize(ReportPart value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        String reportType;
        if (value instanceof Report report) {
            reportType = report.reportType();
            provider.setAttribute(REPORT_TYPE, reportType == null ? "" : reportType);
        } else {
            reportType = (String) provider.getAttribute(REPORT_TYPE);
        }
        ReportFields<ReportPart> fields = ReportFields.of(value);
        gen.writeStartObject(value);
        for (ReportField<? super ReportPart> field : fields.in(reportType)) {
            Object fieldValue = field.valueOf(value);
            if (fieldValue != null || !fields.omitsNulls()) {
                gen.writeFieldName(field.name());
                provider.defaultSerializeValue(fieldValue, gen);
            }
        }
        gen.writeEndObject();
    }
}
