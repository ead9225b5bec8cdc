package dev.gatewayreports.reportapi.alerts;

import dev.gatewayreports.model.time.Timestamps;
import dev.gatewayreports.reportapi.errors.ApiException;
import dev.gatewayreports.reportapi.reports.ObjectIds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The opaque {@code next_cursor} of the events and deliveries pages: base64url of {@code <instant>|<id>}, the
 * position of the last item of the previous page; the next page starts strictly after it, so rows written meanwhile
 * (newer ones) never shift a page. A cursor of another shape is a 400 naming {@code cursor}.
 */
final class AlertCursor {
    /** Where a page ended. */
    record Position(Instant at, String id) {}

    private AlertCursor() {}

    static String encode(Instant at, String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The position of a cursor for ids of {@code prefix}; null for none. */
    static Position decode(String cursor, String prefix) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = position.split("\\|", 2);
            Instant at = Instant.parse(parts[0]);
            if (parts.length != 2 || !Timestamps.inRange(at) || !ObjectIds.wellFormed(prefix, parts[1])) {
                throw new IllegalArgumentException(position);
            }
            return new Position(at, parts[1]);
        } catch (RuntimeException e) {
            throw ApiException.invalid("cursor", "cursor is not one this API gave out");
        }
    }

    /** The {@code limit} parameter: 1–100, 20 when absent. */
    static int limit(String value) {
        if (value == null) {
            return 20;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= 100) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid("limit", "limit must be a whole number between 1 and 100");
    }
}
