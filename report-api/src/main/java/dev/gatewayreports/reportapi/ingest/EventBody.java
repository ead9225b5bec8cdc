package dev.gatewayreports.reportapi.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gatewayreports.reportapi.errors.ApiException;
import dev.gatewayreports.reportapi.input.Utf8;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an ingest body into its events: a JSON array, or NDJSON (one event per line). Numbers are read as
 * exact decimals. A malformed NDJSON line rejects that event only; a malformed JSON array rejects the call.
 * Malformed means: not strict UTF-8 (nothing is silently replaced), not JSON, or nested deeper than
 * {@value #MAX_DEPTH} levels.
 */
public final class EventBody {
    /** One element of the body: its fields, or why it could not be read. */
    public record Item(EventJson json, String syntaxError) {}

    /** Deepest nesting of arrays and objects read (Jackson's default limit, stated): deeper is malformed. */
    static final int MAX_DEPTH = 1_000;

    static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private EventBody() {}

    public static List<Item> read(byte[] body, boolean ndjson, int maxEvents) {
        return ndjson ? readLines(body, maxEvents) : readArray(body, maxEvents);
    }

    private static List<Item> readArray(byte[] body, int maxEvents) {
        int malformed = Utf8.firstMalformed(body, 0, body.length);
        if (malformed >= 0) {
            throw ApiException.invalid("body", "the body is not valid UTF-8 (byte " + malformed + ")");
        }
        List<Item> items = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw ApiException.invalid("body", "the body must be a JSON array of events");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (items.size() == maxEvents) {
                    throw tooMany(maxEvents);
                }
                items.add(new Item(EventJson.read(parser), null));
            }
            if (parser.nextToken() != null) {
                throw ApiException.invalid("body", "unexpected content after the JSON array");
            }
        } catch (StreamConstraintsException e) {
            throw ApiException.invalid("body", "the body is nested deeper than " + MAX_DEPTH + " levels");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw ApiException.invalid(
                    "body",
                    at == null
                            ? "the body is not valid JSON"
                            : "the body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr()
                                    + ")");
        } catch (IOException e) {
            throw ApiException.invalid("body", "the body could not be read");
        }
        return items;
    }

    private static List<Item> readLines(byte[] body, int maxEvents) {
        List<Item> items = new ArrayList<>();
        int start = 0;
        while (start < body.length) {
            int end = start;
            int bits = 0;
            while (end < body.length && body[end] != '\n') {
                bits |= body[end];
                end++;
            }
            // Strict UTF-8 is checked only where a byte is not ASCII (the sign bit of one of them is set).
            int malformed = bits < 0 ? Utf8.firstMalformed(body, start, end) : -1;
            Item item = malformed >= 0
                    ? new Item(null, "this line is not valid UTF-8 (byte " + malformed + " of the line)")
                    : readLine(body, start, end);
            if (item != null) {
                if (items.size() == maxEvents) {
                    throw tooMany(maxEvents);
                }
                items.add(item);
            }
            start = end + 1;
        }
        return items;
    }

    /**
     * One line's event, or null for a blank line (only whitespace, as {@link String#strip} sees it). ASCII whitespace
     * around the event is skipped on the bytes; a line that starts or ends with other bytes is decoded and stripped
     * first, so Unicode whitespace around an event is skipped as it always was.
     */
    private static Item readLine(byte[] body, int start, int end) {
        int from = start;
        int to = end;
        while (from < to && asciiWhitespace(body[from])) {
            from++;
        }
        while (to > from && asciiWhitespace(body[to - 1])) {
            to--;
        }
        if (from == to) {
            return null;
        }
        if (body[from] < 0 || body[to - 1] < 0) {
            String line = new String(body, from, to - from, StandardCharsets.UTF_8).strip();
            if (line.isEmpty()) {
                return null;
            }
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            return parseLine(bytes, 0, bytes.length);
        }
        return parseLine(body, from, to - from);
    }

    /** What {@link String#strip} removes among ASCII characters: {@link Character#isWhitespace}. */
    private static boolean asciiWhitespace(byte b) {
        return b == ' ' || (b >= 0x09 && b <= 0x0d) || (b >= 0x1c && b <= 0x1f);
    }

    /** The first JSON value of the line, as a tree reader reads it (what follows it is not looked at). */
    private static Item parseLine(byte[] bytes, int offset, int length) {
        try (JsonParser parser = JSON.createParser(bytes, offset, length)) {
            if (parser.nextToken() == null) {
                return new Item(EventJson.NOT_AN_OBJECT, null);
            }
            return new Item(EventJson.read(parser), null);
        } catch (StreamConstraintsException e) {
            return new Item(null, "this line is nested deeper than " + MAX_DEPTH + " levels");
        } catch (IOException e) {
            return new Item(null, "this line is not valid JSON");
        }
    }

    private static ApiException tooMany(int maxEvents) {
        return ApiException.tooLarge("body", "at most " + maxEvents + " events per request");
    }
}
