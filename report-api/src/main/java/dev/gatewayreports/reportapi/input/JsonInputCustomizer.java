package dev.gatewayreports.reportapi.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.gatewayreports.model.report.ReportSections;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;

/**
 * The JSON bodies Quarkus REST binds (generate, calls/stats, teams, service keys, prices): every string passes {@link
 * TextRules}; a whole number or a boolean must be one in JSON ({@code "7"}, {@code 7.5} for a whole number, {@code 1}
 * or {@code "true"} for a boolean are a 400 naming the field, not silently converted); a {@code sections} object
 * names only known sections; every {@code BigDecimal} is a number or a decimal string ({@link
 * DecimalDeserializer}). Unknown top-level fields are ignored. Nesting deeper than Jackson's {@code
 * StreamReadConstraints} (1,000 levels) is a 400 on {@code body} already.
 */
@Singleton
public class JsonInputCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("safe-text");
        module.addDeserializer(String.class, SafeStringDeserializer.INSTANCE);
        module.addDeserializer(java.math.BigDecimal.class, DecimalDeserializer.INSTANCE);
        mapper.registerModule(module);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.addHandler(new UnknownSections());
    }

    /** An unknown key of a {@code sections} object is an error naming it ({@code sections.charts}). */
    static final class UnknownSections extends DeserializationProblemHandler {
        private static final List<Object> KNOWN = List.copyOf(ReportSections.NAMES);

        @Override
        public boolean handleUnknownProperty(
                DeserializationContext ctxt,
                JsonParser p,
                JsonDeserializer<?> deserializer,
                Object beanOrClass,
                String propertyName)
                throws IOException {
            Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
            if (type == ReportSections.class) {
                throw UnrecognizedPropertyException.from(p, beanOrClass, propertyName, KNOWN);
            }
            return false;
        }
    }
}
