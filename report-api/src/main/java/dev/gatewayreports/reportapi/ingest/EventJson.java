package dev.gatewayreports.reportapi.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One event's fields of the ingest contract, read straight off a streaming parser (no JSON tree per event): each
 * known field keeps the kind of JSON value it had and its value; other fields are read past (their syntax and
 * nesting still checked). A field given twice keeps its last value, as a JSON tree would.
 */
final class EventJson {
    /** The kind of a field's JSON value. */
    enum Kind {
        ABSENT,
        NULL,
        STRING,
        /** An integer that fits a long (value: Long). */
        LONG,
        /** An integer beyond a long (value: BigInteger). */
        BIG_INTEGER,
        /** A number with a fraction or exponent, exact (value: BigDecimal). */
        DECIMAL,
        BOOLEAN,
        /** An array (value: List of its elements, each a String or {@link #NOT_TEXT}). */
        ARRAY,
        OBJECT
    }

    /** An array element that is not a string. */
    static final Object NOT_TEXT = new Object();

    /** The fields the contract reads, each with its name on the wire; a field's index is its ordinal. */
    enum Field {
        REQUEST_ID("request_id"),
        OCCURRED_AT("occurred_at"),
        TEAM_ID("team_id"),
        PROVIDER("provider"),
        MODEL("model"),
        STATUS("status"),
        LATENCY_MS("latency_ms"),
        ERROR_TYPE("error_type"),
        SERVICE_TIER("service_tier"),
        CONTEXT_WINDOW("context_window"),
        API_KEY_ID("api_key_id"),
        INFERENCE_GEO("inference_geo"),
        HTTP_STATUS("http_status"),
        ERROR_MESSAGE("error_message"),
        INPUT_TOKENS("input_tokens"),
        CACHE_READ_INPUT_TOKENS("cache_read_input_tokens"),
        CACHE_CREATION_5M_INPUT_TOKENS("cache_creation_5m_input_tokens"),
        CACHE_CREATION_1H_INPUT_TOKENS("cache_creation_1h_input_tokens"),
        OUTPUT_TOKENS("output_tokens"),
        WEB_SEARCH_REQUESTS("web_search_requests"),
        CODE_EXECUTION_HOURS("code_execution_hours"),
        CREDITS("credits"),
        COST_USD("cost_usd"),
        USER_ID("user_id"),
        RUN_ID("run_id"),
        OP_NAME("op_name"),
        TRACE_ID("trace_id"),
        PARENT_ID("parent_id"),
        THREAD_ID("thread_id"),
        TURN_ID("turn_id"),
        INPUT_REFS("input_refs"),
        OUTPUT_REFS("output_refs");

        private final String wire;

        Field(String wire) {
            this.wire = wire;
        }

        /** The field's name in the event's JSON. */
        String wire() {
            return wire;
        }
    }

    private static final Field[] FIELDS = Field.values();
    private static final Map<String, Field> BY_WIRE = new HashMap<>();

    static {
        for (Field field : FIELDS) {
            BY_WIRE.put(field.wire(), field);
        }
    }

    /** A value that is not a JSON object (the event is rejected as a whole). */
    static final EventJson NOT_AN_OBJECT = new EventJson();

    private final Kind[] kinds = new Kind[FIELDS.length];
    private final Object[] values = new Object[FIELDS.length];

    private EventJson() {}

    boolean isObject() {
        return this != NOT_AN_OBJECT;
    }

    /** The kind of a field's value ({@link Kind#ABSENT} when not given). */
    Kind kind(Field field) {
        Kind kind = kinds[field.ordinal()];
        return kind == null ? Kind.ABSENT : kind;
    }

    /** A field's value: see {@link Kind} for its type; null when absent or null. */
    Object value(Field field) {
        return values[field.ordinal()];
    }

    /**
     * Reads the value the parser is at: an object's known fields, or {@link #NOT_AN_OBJECT} (read past) for any other
     * value. The parser is left at the value's last token.
     */
    static EventJson read(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                parser.getText(); // a string is read lazily: read it now, so a broken one is a syntax error here
            }
            parser.skipChildren();
            return NOT_AN_OBJECT;
        }
        EventJson event = new EventJson();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            Field field = BY_WIRE.get(parser.currentName());
            JsonToken token = parser.nextToken();
            if (field == null) {
                parser.skipChildren();
                continue;
            }
            event.set(field.ordinal(), token, parser);
        }
        return event;
    }

    private void set(int i, JsonToken token, JsonParser parser) throws IOException {
        Object value = null;
        Kind kind = switch (token) {
            case VALUE_NULL -> Kind.NULL;
            case VALUE_STRING -> {
                value = parser.getText();
                yield Kind.STRING;
            }
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    BigInteger big = parser.getBigIntegerValue();
                    boolean fits = big.bitLength() < 64;
                    value = fits ? (Object) big.longValue() : big;
                    yield fits ? Kind.LONG : Kind.BIG_INTEGER;
                }
                value = parser.getLongValue();
                yield Kind.LONG;
            }
            case VALUE_NUMBER_FLOAT -> {
                value = parser.getDecimalValue();
                yield Kind.DECIMAL;
            }
            case VALUE_TRUE, VALUE_FALSE -> Kind.BOOLEAN;
            case START_ARRAY -> {
                value = elements(parser);
                yield Kind.ARRAY;
            }
            default -> {
                parser.skipChildren();
                yield Kind.OBJECT;
            }
        };
        kinds[i] = kind;
        values[i] = value;
    }

    private static List<Object> elements(JsonParser parser) throws IOException {
        List<Object> elements = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == JsonToken.VALUE_STRING) {
                elements.add(parser.getText());
            } else {
                parser.skipChildren();
                elements.add(NOT_TEXT);
            }
        }
        return elements;
    }

    /** A number's exact value ({@link Kind#LONG}, {@link Kind#BIG_INTEGER} or {@link Kind#DECIMAL}). */
    static BigDecimal decimal(Kind kind, Object value) {
        return switch (kind) {
            case LONG -> BigDecimal.valueOf((Long) value);
            case BIG_INTEGER -> new BigDecimal((BigInteger) value);
            case DECIMAL -> (BigDecimal) value;
            default -> throw new IllegalArgumentException("not a number: " + kind);
        };
    }
}
