package dev.gatewayreports.reportapi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatewayreports.reportapi.errors.ApiException;
import dev.gatewayreports.reportapi.keys.ServiceKeyRequest;
import dev.gatewayreports.reportapi.keys.ServiceKeysResource;
import dev.gatewayreports.reportapi.teams.TeamsResource;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The admin resources check the caller's role themselves, from the {@link Caller} built from the one roles claim,
 * so an identity that carries {@code org_admin} from anywhere else (another augmentor, a mapping quarkus-oidc adds)
 * still gets 403. Called directly, without the {@code @RolesAllowed} interceptor, to show the second check holds alone.
 */
class AdminRoleCheckTest {

    private static CurrentCaller memberWhoseIdentityClaimsOrgAdmin() {
        Caller member = new Caller(
                Caller.Kind.USER, "user-1", "a@b.example", "org_x", Set.of(), Set.of(Roles.MEMBER), null, "console");
        var identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("user-1"))
                .addRole(Roles.ORG_ADMIN)
                .addAttribute(Caller.ATTRIBUTE, member)
                .build();
        return new CurrentCaller(identity, new CurrentVertxRequest(), null);
    }

    @Test
    void shouldRefuseServiceKeysToACallerWithoutOrgAdminInItsRolesClaim() {
        var keys = new ServiceKeysResource(null, memberWhoseIdentityClaimsOrgAdmin());
        ApiException e =
                assertThrows(ApiException.class, () -> keys.mint(new ServiceKeyRequest("k", List.of("ingest"))));
        assertEquals(403, e.status());
        assertEquals(403, assertThrows(ApiException.class, keys::list).status());
        assertEquals(
                403,
                assertThrows(ApiException.class, () -> keys.revoke("key_1")).status());
    }

    @Test
    void shouldRefuseTeamsToACallerWithoutOrgAdminInItsRolesClaim() {
        var teams = new TeamsResource(null, memberWhoseIdentityClaimsOrgAdmin());
        assertEquals(403, assertThrows(ApiException.class, teams::list).status());
        assertEquals(
                403, assertThrows(ApiException.class, () -> teams.get("team_a")).status());
    }
}
