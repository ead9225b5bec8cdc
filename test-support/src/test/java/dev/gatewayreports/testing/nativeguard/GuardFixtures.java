package dev.gatewayreports.testing.nativeguard;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Classes NativeReflectionGuardTest scans: one of each way a record reaches Jackson, and the ways it does not. */
final class GuardFixtures {
    private GuardFixtures() {}

    /** Returned by a resource method: Quarkus sees it, and its component. */
    record Seen(Nested nested) {}

    record Nested(String value) {}

    /** Leaves only inside a Response. */
    record Hidden(HiddenPart part) {}

    record HiddenPart(String value) {}

    /** Leaves only inside a Response, but registered. */
    @RegisterForReflection
    record HiddenRegistered(String value) {}

    /** Registered through another class's targets. */
    record HiddenByTargets(String value) {}

    @RegisterForReflection(targets = HiddenByTargets.class)
    static final class Registrations {}

    /** Carries a Jackson annotation, used nowhere else. */
    record Annotated(@JsonProperty("the_value") String value) {}

    /** Read by a REST client. */
    record ClientAnswer(String value) {}

    /** A record no JSON path touches. */
    record Internal(String value) {}

    @Path("/fixture")
    static class Resource {
        @GET
        public List<Seen> seen() {
            return List.of(new Seen(new Nested(new Internal("x").value())));
        }

        @POST
        public Response hidden() {
            return Response.ok(new Hidden(new HiddenPart("x"))).build();
        }

        @POST
        @Path("/registered")
        public Response registered() {
            return Response.ok(new HiddenRegistered("x")).build();
        }

        @POST
        @Path("/targets")
        public Response byTargets() {
            return Response.accepted(new HiddenByTargets("x")).build();
        }
    }

    @Path("/remote")
    interface Client {
        @GET
        ClientAnswer answer();
    }
}
