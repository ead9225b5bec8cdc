package dev.gatewayreports.reportapi.prices;

import dev.gatewayreports.model.audit.AuditAction;
import dev.gatewayreports.model.time.Timestamps;
import dev.gatewayreports.reportapi.audit.AuditLog;
import dev.gatewayreports.reportapi.errors.ApiException;
import dev.gatewayreports.reportapi.teams.Organizations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An organization admin's own prices: list them beside the list prices, add one effective from an instant, delete
 * one that is not in effect yet. Past events keep the cost they were priced at; a price applies to events ingested
 * after it was added (see {@code PriceBookCache} for how soon on each replica).
 */
@ApplicationScoped
public class PriceService {
    /** A validated request. */
    record NewPrice(
            String provider,
            String model,
            String tokenType,
            String serviceTier,
            boolean longContext,
            BigDecimal usdPerMillion,
            Instant effectiveFrom) {}

    private final PriceRepository repository;
    private final Organizations organizations;
    private final AuditLog audit;
    private final Validator validator;
    private final Clock clock;

    public PriceService(
            PriceRepository repository, Organizations organizations, AuditLog audit, Validator validator, Clock clock) {
        this.repository = repository;
        this.organizations = organizations;
        this.audit = audit;
        this.validator = validator;
        this.clock = clock;
    }

    @Transactional
    public List<PriceResponse> list(String orgId, String provider, String model) {
        return repository.visible(orgId, provider, model);
    }

    @Transactional
    public PriceResponse add(String orgId, String createdBy, PriceRequest request) {
        NewPrice price = validated(request);
        organizations.ensure(orgId);
        Long id = repository.insert(orgId, price, createdBy, clock.instant());
        if (id == null) {
            throw ApiException.conflict(
                    "effective_from", "the organization already has this price from " + price.effectiveFrom());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("provider", price.provider());
        details.put("model", price.model());
        details.put("token_type", price.tokenType());
        details.put("service_tier", price.serviceTier());
        details.put("long_context", price.longContext());
        details.put("usd_per_million", PriceResponse.money(price.usdPerMillion()));
        details.put("effective_from", price.effectiveFrom().toString());
        audit.record(orgId, AuditAction.PRICE_ADDED, "price", Long.toString(id), details);
        return repository.own(orgId, id);
    }

    /** Deletes an organization's price that is not in effect yet; one in effect is replaced by adding a newer one. */
    @Transactional
    public void delete(String orgId, long priceId) {
        PriceResponse price = repository.own(orgId, priceId);
        if (price == null) {
            throw ApiException.notFound("price " + priceId);
        }
        if (!price.effectiveFrom().isAfter(clock.instant())) {
            throw ApiException.conflict(
                    "price_id",
                    "the price is in effect since " + price.effectiveFrom() + "; add a newer price instead");
        }
        repository.delete(orgId, priceId);
        audit.record(
                orgId,
                AuditAction.PRICE_DELETED,
                "price",
                Long.toString(priceId),
                Map.of("effective_from", price.effectiveFrom().toString()));
    }

    /** Bean Validation of the request, the first problem (by field name) as a 400 naming the JSON field. */
    private NewPrice validated(PriceRequest request) {
        if (request == null) {
            throw ApiException.invalid("body", "a JSON object with the price is required");
        }
        Set<ConstraintViolation<PriceRequest>> violations = validator.validate(request);
        violations.stream()
                .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .ifPresent(v -> {
                    String field = jsonName(v.getPropertyPath().toString());
                    throw ApiException.invalid(field, field + " " + v.getMessage());
                });
        Instant from = Timestamps.parse(request.effectiveFrom());
        if (from == null) {
            throw ApiException.invalid(
                    "effective_from",
                    "effective_from must be an RFC 3339 timestamp with an offset, e.g. 2026-01-01T00:00:00Z");
        }
        return new NewPrice(
                request.provider(),
                request.model(),
                request.tokenType(),
                request.serviceTier() == null ? "standard" : request.serviceTier(),
                Boolean.TRUE.equals(request.longContext()),
                request.usdPerMillion(),
                from);
    }

    /** usdPerMillion → usd_per_million: the record's components are the JSON fields in snake case. */
    static String jsonName(String property) {
        return property.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
