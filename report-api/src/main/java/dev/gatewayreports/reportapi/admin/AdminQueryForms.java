package dev.gatewayreports.reportapi.admin;

import dev.gatewayreports.reportapi.errors.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The admin API's query, before it is bound: a list parameter may also be written without its brackets
 * ({@code group_by=model} for {@code group_by[]=model}), and a single-valued parameter given twice is a 400
 * naming it rather than a silent pick of one.
 */
public class AdminQueryForms {
    static final Set<String> LISTS = Set.of(
            "group_by", "api_key_ids", "workspace_ids", "models", "service_tiers", "context_window", "inference_geos");
    static final List<String> SINGLE = List.of("starting_at", "ending_at", "bucket_width", "limit", "page");

    @ServerRequestFilter(preMatching = true)
    public void normalise(ContainerRequestContext request) {
        if (!AdminErrorFilter.isAdminPath(request.getUriInfo().getPath())) {
            return;
        }
        MultivaluedMap<String, String> query;
        try {
            query = request.getUriInfo().getQueryParameters();
        } catch (IllegalArgumentException e) {
            return; // not percent-encoded UTF-8: InputFilter answers it, naming the query
        }
        for (String name : SINGLE) {
            List<String> values = query.get(name);
            if (values != null && values.size() > 1) {
                throw ApiException.invalid(name, name + ": give it once");
            }
        }
        if (query.keySet().stream().anyMatch(LISTS::contains)) {
            URI uri = request.getUriInfo().getRequestUri();
            request.setRequestUri(URI.create(uri.getRawPath() + "?" + bracketed(uri.getRawQuery())));
        }
    }

    /** The raw query with each bracketless list parameter renamed to its bracketed form, values untouched. */
    static String bracketed(String rawQuery) {
        StringBuilder out = new StringBuilder(rawQuery.length() + 16);
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(LISTS.contains(name) ? name + "%5B%5D" + pair.substring(name.length()) : pair);
        }
        return out.toString();
    }
}
