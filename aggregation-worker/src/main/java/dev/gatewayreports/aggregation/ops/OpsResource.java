package dev.gatewayreports.aggregation.ops;

import dev.gatewayreports.aggregation.rollup.Retention;
import dev.gatewayreports.aggregation.rollup.RollupConfig;
import dev.gatewayreports.aggregation.rollup.RollupRebuild;
import dev.gatewayreports.aggregation.security.TokenRolesAugmentor;
import dev.gatewayreports.model.time.Timestamps;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Operator endpoints of the worker (role {@code ops} in the token's configured roles claim, checked by annotation and
 * again by each method): rebuild rollups from raw events, apply retention now. Each
 * run writes a system-wide audit row (no organization) naming the operator.
 */
@Path("/v1/ops")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(OpsResource.OPS)
public class OpsResource {
    /** The role of the operations endpoints. */
    public static final String OPS = "ops";

    private final RollupRebuild rebuild;
    private final Retention retention;
    private final RollupConfig config;
    private final SecurityIdentity identity;

    public OpsResource(RollupRebuild rebuild, Retention retention, RollupConfig config, SecurityIdentity identity) {
        this.rebuild = rebuild;
        this.retention = retention;
        this.config = config;
        this.identity = identity;
    }

    @POST
    @Path("/rollups/rebuild")
    @Operation(
            summary = "Recompute the rollups of the UTC days touching [from, to) from raw events",
            description = "from and to are RFC 3339 timestamps from 0001 to 9999, at most"
                    + " aggregation.rollup-retention-days apart; a bad one is a 400 naming it.")
    public Map<String, Object> rebuild(
            @Parameter(example = "2025-01-01T00:00:00Z") @QueryParam("from") String from,
            @Parameter(example = "2025-01-08T00:00:00Z") @QueryParam("to") String to)
            throws SQLException {
        TokenRolesAugmentor.require(identity, OPS);
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (!start.isBefore(end)) {
            throw invalid("to", "to must be after from");
        }
        if (Duration.between(start, end).toDays() >= config.rollupRetentionDays()) {
            throw invalid(
                    "to",
                    "a rebuild covers less than " + config.rollupRetentionDays() + " days (rollups are"
                            + " kept that long)");
        }
        return Map.of("events", rebuild.rebuild(start, end, Operators.of(identity)));
    }

    @POST
    @Path("/retention")
    @Operation(summary = "Apply raw and rollup retention now")
    public Map<String, Object> retention() throws SQLException {
        TokenRolesAugmentor.require(identity, OPS);
        long[] result = retention.apply(LocalDate.now(ZoneOffset.UTC), Operators.of(identity));
        return Map.of("partitions_dropped", result[0], "rollup_rows_deleted", result[1]);
    }

    private static Instant instant(String name, String value) {
        Instant instant = Timestamps.parse(value);
        if (instant == null) {
            throw invalid(name, name + " must be an RFC 3339 timestamp with an offset, from " + Timestamps.RANGE);
        }
        return instant;
    }

    /** A 400 in the reports family's error shape, naming the parameter. */
    private static BadRequestException invalid(String field, String message) {
        return new BadRequestException(Response.status(400)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", Map.of("code", "invalid_request", "message", message, "field", field)))
                .build());
    }
}
