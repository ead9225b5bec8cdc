package dev.gatewayreports.reportapi.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;

/** Jackson's own String deserializer, then {@link TextRules}: every string field of every typed JSON body. */
final class SafeStringDeserializer extends StdScalarDeserializer<String> {
    static final SafeStringDeserializer INSTANCE = new SafeStringDeserializer();

    private SafeStringDeserializer() {
        super(String.class);
    }

    @Override
    public LogicalType logicalType() {
        return LogicalType.Textual;
    }

    @Override
    public boolean isCachable() {
        return true;
    }

    @Override
    public Object getEmptyValue(DeserializationContext ctxt) {
        return "";
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String value = StringDeserializer.instance.deserialize(p, ctxt);
        String problem = value == null ? null : TextRules.problem(value);
        if (problem != null) {
            throw new UnsafeTextException(p, problem);
        }
        return value;
    }
}
