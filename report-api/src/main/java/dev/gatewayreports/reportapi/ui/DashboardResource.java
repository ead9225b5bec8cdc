package dev.gatewayreports.reportapi.ui;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The dashboard's HTML shell: public, the same for everyone, with no user data in it. Each page's script signs the
 * person in (PKCE, or a dev token in the URL fragment) and fetches every figure from the JSON API with the user's
 * bearer token, so the API's tenancy decides what a page shows. No server-side session: any replica serves any page.
 */
@Path("/ui")
public class DashboardResource {
    private final Template shell;
    private final DashboardConfig config;
    private final Optional<String> issuer;

    public DashboardResource(
            @Location("ui/shell.html") Template shell,
            DashboardConfig config,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> issuer) {
        this.shell = shell;
        this.config = config;
        this.issuer = issuer.filter(s -> !s.isBlank());
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response index() {
        return page(DashboardPage.OVERVIEW);
    }

    @GET
    @Path("/{page}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response page(@PathParam("page") String name) {
        return DashboardPage.of(name)
                .map(this::page)
                .orElseGet(() -> Response.status(404)
                        .type(MediaType.TEXT_PLAIN)
                        .entity("no such page")
                        .build());
    }

    private Response page(DashboardPage page) {
        String html = shell.data("page", page)
                .data("nav", DashboardPage.nav())
                .data("issuer", issuer.orElse(""))
                .data("clientId", config.oidc().clientId())
                .data("scopes", config.oidc().scopes())
                .render();
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", contentSecurityPolicy(issuer))
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /**
     * Scripts, styles, images and requests from this origin only (no inline script, no CDN); requests may also go to
     * the OIDC provider's origin (its discovery document and token endpoint). No framing.
     */
    static String contentSecurityPolicy(Optional<String> issuer) {
        String provider =
                issuer.map(DashboardResource::origin).map(o -> " " + o).orElse("");
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'"
                + provider
                + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        if (uri.getScheme() == null || uri.getHost() == null) {
            return "";
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
