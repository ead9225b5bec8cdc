package dev.gatewayreports.reportapi.input;

import dev.gatewayreports.reportapi.errors.ApiException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every query parameter and path id of every endpoint passes {@link TextRules} before a resource sees it: a bad
 * query parameter is a 400 naming it (the message starts with its name, as the admin API's errors do), a bad path
 * id names nothing and is a 404 — as for any id that does not exist.
 */
public class InputFilter {

    @ServerRequestFilter
    public void checkParameters(UriInfo uri) {
        MultivaluedMap<String, String> query;
        MultivaluedMap<String, String> path;
        try {
            query = uri.getQueryParameters();
            path = uri.getPathParameters();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("query", "query: the query string is not valid percent-encoded UTF-8");
        }
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            for (String value : parameter.getValue()) {
                String problem = value == null ? null : TextRules.problem(value);
                if (problem != null) {
                    String name = TextRules.printable(parameter.getKey());
                    throw ApiException.invalid(name, name + ": " + problem);
                }
            }
        }
        for (Map.Entry<String, List<String>> parameter : path.entrySet()) {
            for (String value : parameter.getValue()) {
                if (value != null && TextRules.problem(value) != null) {
                    throw ApiException.notFound(parameter.getKey());
                }
            }
        }
    }
}
