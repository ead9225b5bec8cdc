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

    /** The fields the contract reads: their indexes in {@link #FIELDS}. */
    static final int REQUEST_ID = 0;

    static final int OCCURRED_AT = 1;
    static final int TEAM_ID = 2;
    static final int PROVIDER = 3;
    static final int MODEL = 4;
    static final int STATUS = 5;
    static final int LATENCY_MS = 6;
    static final int ERROR_TYPE = 7;
    static final int SERVICE_TIER = 8;
    static final int CONTEXT_WINDOW = 9;
    static final int API_KEY_ID = 10;
    static final int INFERENCE_GEO = 11;
    static final int HTTP_STATUS = 12;
    static final int ERROR_MESSAGE = 13;
    static final int INPUT_TOKENS = 14;
    static final int CACHE_READ_INPUT_TOKENS = 15;
    static final int CACHE_CREATION_5M_INPUT_TOKENS = 16;
    static final int CACHE_CREATION_1H_INPUT_TOKENS = 17;
    static final int OUTPUT_TOKENS = 18;
    static final int WEB_SEARCH_REQUESTS = 19;
    static final int CODE_EXECUTION_HOURS = 20;
    static final int CREDITS = 21;
    static final int COST_USD = 22;
    static final int USER_ID = 23;
    static final int RUN_ID = 24;
    static final int OP_NAME = 25;
    static final int TRACE_ID = 26;
    static final int PARENT_ID = 27;
    static final int THREAD_ID = 28;
    static final int TURN_ID = 29;
    static final int INPUT_REFS = 30;
    static final int OUTPUT_REFS = 31;

    /** The fields the contract reads, by name. */
    static final List<String> FIELDS = List.of(
            "request_id",
            "occurred_at",
            "team_id",
            "provider",
            "model",
            "status",
            "latency_ms",
            "error_type",
            "service_tier",
            "context_window",
            "api_key_id",
            "inference_geo",
            "http_status",
            "error_message",
            "input_tokens",
            "cache_read_input_tokens",
            "cache_creation_5m_input_tokens",
            "cache_creation_1h_input_tokens",
            "output_tokens",
            "web_search_requests",
            "code_execution_hours",
            "credits",
            "cost_usd",
            "user_id",
            "run_id",
            "op_name",
            "trace_id",
            "parent_id",
            "thread_id",
            "turn_id",
            "input_refs",
            "output_refs");

    private static final Map<String, Integer> INDEX = new HashMap<>();

    static {
        for (int i = 0; i < FIELDS.size(); i++) {
            INDEX.put(FIELDS.get(i), i);
        }
    }

    /** A value that is not a JSON object (the event is rejected as a whole). */
    static final EventJson NOT_AN_OBJECT = new EventJson();

    private final Kind[] kinds = new Kind[FIELDS.size()];
    private final Object[] values = new Object[FIELDS.size()];

    private EventJson() {}

    boolean isObject() {
        return this != NOT_AN_OBJECT;
    }

    /** The name of a field (one of the constants). */
    static String name(int field) {
        return FIELDS.get(field);
    }

    /** The kind of a field's value ({@link Kind#ABSENT} when not given). */
    Kind kind(int field) {
        Kind kind = kinds[field];
        return kind == null ? Kind.ABSENT : kind;
    }

    /** A field's value: see {@link Kind} for its type; null when absent or null. */
    Object value(int field) {
        return values[field];
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
            Integer i = INDEX.get(parser.currentName());
            JsonToken token = parser.nextToken();
            if (i == null) {
                parser.skipChildren();
                continue;
            }
            event.set(i, token, parser);
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
