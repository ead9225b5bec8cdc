package dev.gatewayreports.reportapi.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Every {@link BigDecimal} of a typed JSON body (prices, quotas): a JSON number, read exactly, or a decimal string
 * ({@link Decimals}). Anything else is a mismatched input, which the error mappers answer with a 400 naming the field.
 */
final class DecimalDeserializer extends StdScalarDeserializer<BigDecimal> {
    static final DecimalDeserializer INSTANCE = new DecimalDeserializer();

    private DecimalDeserializer() {
        super(BigDecimal.class);
    }

    @Override
    public LogicalType logicalType() {
        return LogicalType.Float;
    }

    @Override
    public boolean isCachable() {
        return true;
    }

    @Override
    public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDecimalValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = p.getText();
            BigDecimal value = Decimals.parse(text);
            if (value == null) {
                return (BigDecimal) ctxt.handleWeirdStringValue(BigDecimal.class, text, Decimals.EXPECTED);
            }
            return value;
        }
        return (BigDecimal) ctxt.handleUnexpectedToken(BigDecimal.class, p);
    }
}
