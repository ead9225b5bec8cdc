package dev.gatewayreports.reportapi.audit;

import dev.gatewayreports.model.audit.AuditAction;
import dev.gatewayreports.reportapi.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

/** Reads an organization's audit log, a page at a time; every parameter is checked and named when wrong. */
@ApplicationScoped
public class AuditService {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    /** The widest window PostgreSQL stores and RFC 3339 writes: years 1 to 9999. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final AuditRepository repository;

    public AuditService(AuditRepository repository) {
        this.repository = repository;
    }

    /** The page of the organization's rows the raw query parameters ask for. */
    public AuditPage page(String orgId, String limit, String cursor, String action, String since, String until) {
        int size = limit(limit);
        String wireAction = action(action);
        Instant from = since == null ? EARLIEST : instant("since", since);
        Instant to = until == null ? LATEST : instant("until", until);
        if (!from.isBefore(to)) {
            throw ApiException.invalid("until", "until must be after since");
        }
        Position after = cursor == null || cursor.isEmpty() ? new Position(LATEST, Long.MAX_VALUE) : decode(cursor);
        List<AuditEventResponse> rows = repository.page(
                new AuditRepository.Query(orgId, wireAction, from, to, after.occurredAt(), after.eventId(), size + 1));
        boolean more = rows.size() > size;
        List<AuditEventResponse> page = more ? rows.subList(0, size) : rows;
        String next = more ? encode(page.get(page.size() - 1)) : null;
        return new AuditPage(page, more, next);
    }

    /** Where a page ends: the (occurred_at, id) of its last row. */
    record Position(Instant occurredAt, long eventId) {}

    static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid("limit", "limit must be a whole number between 1 and " + MAX_LIMIT);
    }

    static String action(String value) {
        if (value == null) {
            return null;
        }
        if (AuditAction.fromWire(value) == null) {
            throw ApiException.invalid("action", "action must be one of " + AuditAction.allowed());
        }
        return value;
    }

    static Instant instant(String field, String value) {
        try {
            Instant instant = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
            if (!instant.isBefore(EARLIEST) && !instant.isAfter(LATEST)) {
                return instant;
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw ApiException.invalid(
                field, field + " must be an RFC 3339 timestamp with an offset, between years 1 and 9999");
    }

    static String encode(AuditEventResponse last) {
        String position = last.occurredAt() + "|" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    static Position decode(String cursor) {
        try {
            String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = position.indexOf('|');
            Instant at = Instant.parse(position.substring(0, bar));
            long id = Long.parseLong(position.substring(bar + 1));
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST) || id < 1) {
                throw new IllegalArgumentException(position);
            }
            return new Position(at, id);
        } catch (RuntimeException e) {
            throw ApiException.invalid("cursor", "cursor is not one this API gave out");
        }
    }
}
