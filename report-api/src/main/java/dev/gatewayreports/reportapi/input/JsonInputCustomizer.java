package dev.gatewayreports.reportapi.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The JSON bodies Quarkus REST binds (calls/stats, teams, service keys, prices): every string passes
 * {@link TextRules}; every {@code BigDecimal} is a number or a decimal string ({@link DecimalDeserializer}).
 * Nesting deeper than Jackson's {@code StreamReadConstraints} (1,000 levels) is a 400 on {@code body} already.
 */
@Singleton
public class JsonInputCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("safe-text");
        module.addDeserializer(String.class, SafeStringDeserializer.INSTANCE);
        module.addDeserializer(java.math.BigDecimal.class, DecimalDeserializer.INSTANCE);
        mapper.registerModule(module);
    }
}
