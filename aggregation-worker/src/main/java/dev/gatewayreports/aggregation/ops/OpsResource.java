package dev.gatewayreports.aggregation.ops;

import dev.gatewayreports.aggregation.rollup.Retention;
import dev.gatewayreports.aggregation.rollup.RollupRebuild;
import dev.gatewayreports.aggregation.security.TokenRolesAugmentor;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Operator endpoints of the worker (role {@code ops} in the token's configured roles claim, checked by annotation and
 * again by each method): rebuild rollups from raw events, apply retention now.
 */
@Path("/v1/ops")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(OpsResource.OPS)
public class OpsResource {
    /** The role of the operations endpoints. */
    public static final String OPS = "ops";

    private final RollupRebuild rebuild;
    private final Retention retention;
    private final SecurityIdentity identity;

    public OpsResource(RollupRebuild rebuild, Retention retention, SecurityIdentity identity) {
        this.rebuild = rebuild;
        this.retention = retention;
        this.identity = identity;
    }

    @POST
    @Path("/rollups/rebuild")
    @Operation(summary = "Recompute the rollups of the UTC days touching [from, to) from raw events")
    public Map<String, Object> rebuild(
            @Parameter(example = "2025-01-01T00:00:00Z") @QueryParam("from") String from,
            @Parameter(example = "2025-01-08T00:00:00Z") @QueryParam("to") String to)
            throws SQLException {
        TokenRolesAugmentor.require(identity, OPS);
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (!start.isBefore(end)) {
            throw new BadRequestException("from must be before to");
        }
        return Map.of("events", rebuild.rebuild(start, end));
    }

    @POST
    @Path("/retention")
    @Operation(summary = "Apply raw and rollup retention now")
    public Map<String, Object> retention() throws SQLException {
        TokenRolesAugmentor.require(identity, OPS);
        long[] result = retention.apply(LocalDate.now(ZoneOffset.UTC));
        return Map.of("partitions_dropped", result[0], "rollup_rows_deleted", result[1]);
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new BadRequestException(name + " must be an RFC 3339 UTC timestamp");
        }
    }
}
