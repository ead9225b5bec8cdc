package dev.gatewayreports.model.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ClaimPathTest {
    /** Claims as quarkus-oidc's JsonWebToken answers getClaim: strings as is, arrays and objects as jakarta.json. */
    private static final JsonObject TOKEN = Json.createObjectBuilder()
            .add("roles", Json.createArrayBuilder().add("member").add("team_admin"))
            .add("scope", "openid reports:read,reports:write")
            .add(
                    "realm_access",
                    Json.createObjectBuilder()
                            .add("roles", Json.createArrayBuilder().add("ops")))
            .add("https://gateway.example/roles", Json.createArrayBuilder().add("org_admin"))
            .add("https://gateway.example/", Json.createObjectBuilder().add("org.id", "org_auth0"))
            .add("mixed", Json.createArrayBuilder().add("a").add(7).add(Json.createObjectBuilder()))
            .add("number", 42)
            .build();

    private static final Function<String, Object> CLAIMS = name -> {
        var value = TOKEN.get(name);
        return value instanceof jakarta.json.JsonString s ? s.getString() : value;
    };

    @Test
    void shouldReadATopLevelArrayOrASeparatedString() {
        assertEquals(Set.of("member", "team_admin"), ClaimPath.parse("roles").strings(CLAIMS));
        assertEquals(
                List.of("openid", "reports:read", "reports:write"),
                List.copyOf(ClaimPath.parse("scope").strings(CLAIMS)));
    }

    @Test
    void shouldFollowNestedObjectsSegmentBySegment() {
        assertEquals(
                List.of("realm_access", "roles"),
                ClaimPath.parse("realm_access/roles").segments());
        assertEquals(Set.of("ops"), ClaimPath.parse("realm_access/roles").strings(CLAIMS));
    }

    @Test
    void shouldTakeAQuotedSegmentLiterally() {
        ClaimPath auth0 = ClaimPath.parse("\"https://gateway.example/roles\"");
        assertEquals(List.of("https://gateway.example/roles"), auth0.segments());
        assertEquals(Set.of("org_admin"), auth0.strings(CLAIMS));
        ClaimPath nested = ClaimPath.parse("\"https://gateway.example/\"/\"org.id\"");
        assertEquals(List.of("https://gateway.example/", "org.id"), nested.segments());
        assertEquals("org_auth0", nested.string(CLAIMS));
        assertEquals("\"https://gateway.example/roles\"", auth0.toString());
    }

    @Test
    void shouldFindNothingWhereThePathLeadsNowhere() {
        assertEquals(Set.of(), ClaimPath.parse("groups").strings(CLAIMS));
        assertEquals(Set.of(), ClaimPath.parse("roles/nested").strings(CLAIMS));
        assertEquals(Set.of(), ClaimPath.parse("realm_access").strings(CLAIMS), "an object is not a role list");
        assertNull(ClaimPath.parse("realm_access/missing/deeper").find(CLAIMS));
        assertEquals(Set.of("a"), ClaimPath.parse("mixed").strings(CLAIMS));
        assertEquals("42", ClaimPath.parse("number").string(CLAIMS));
        assertNull(ClaimPath.parse("roles").string(CLAIMS));
    }

    @Test
    void shouldReadPlainJavaCollectionsAndMaps() {
        Map<String, Object> claims = Map.of("groups", Set.of("x"), "realm_access", Map.of("roles", List.of("y")));
        assertEquals(Set.of("x"), ClaimPath.parse("groups").strings(claims::get));
        assertEquals(Set.of("y"), ClaimPath.parse("realm_access/roles").strings(claims::get));
    }

    @Test
    void shouldRefuseAPathWithAnEmptySegmentOrAnOpenQuote() {
        for (String bad :
                List.of("", " ", "https://gateway.example/roles", "a//b", "/roles", "roles/", "\"a/b", "\"\"")) {
            assertThrows(IllegalArgumentException.class, () -> ClaimPath.parse(bad), bad);
        }
    }
}
