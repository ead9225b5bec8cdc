package dev.gatewayreports.reportapi.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Counts the answers per endpoint and keeps samples of the bad ones. A 4xx "names its field" when the reports
 * family's {@code error.field} is set, or the admin API's message starts with the parameter ({@code limit: …});
 * 400, 409, 413 and 422 should name one, while 401, 403, 404, 405, 406 and 415 are about the request as a whole.
 * A 4xx with an empty body comes from below the application: the HTTP server refusing a request line, header or
 * body over its limits (414, 431, 413 beyond {@code quarkus.http.limits.max-body-size}) or bytes it cannot parse
 * (400). (An unknown credential, refused by the authentication layer, answers the error shape since
 * {@code AuthFailureHandler}.)
 */
final class FuzzTally {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The admin API names the parameter at the start of its message: {@code limit: must be …}. */
    private static final Pattern ADMIN_FIELD = Pattern.compile("^[^:]{1,300}?: .*", Pattern.DOTALL);

    private static final int SAMPLES = 15;

    /** Counts of one endpoint. */
    static final class Row {
        int sent;
        int ok;
        int withField;
        int withoutFieldExpected;
        int withoutField;
        int httpLayer;
        int wrongShape;
        int serverErrors;
        int other;
    }

    final Map<String, Row> rows = new TreeMap<>();
    final List<String> serverErrorSamples = new ArrayList<>();
    final List<String> withoutFieldSamples = new ArrayList<>();
    final List<String> wrongShapeSamples = new ArrayList<>();
    final List<String> httpLayerSamples = new ArrayList<>();
    final Map<Integer, Integer> httpLayerByStatus = new TreeMap<>();

    void count(FuzzRequest request, FuzzClient.Answer answer) {
        Row row = rows.computeIfAbsent(request.endpoint(), e -> new Row());
        row.sent++;
        int status = answer.status();
        if (status >= 500 || status == 0) {
            row.serverErrors++;
            sample(serverErrorSamples, request, answer);
        } else if (status >= 200 && status < 400) {
            row.ok++;
        } else if (status >= 400) {
            clientError(row, request, answer);
        } else {
            row.other++;
        }
    }

    private void clientError(Row row, FuzzRequest request, FuzzClient.Answer answer) {
        boolean admin = request.target().startsWith("/v1/organizations/");
        JsonNode body = parse(answer.body());
        JsonNode error = body == null ? null : body.get("error");
        boolean shaped = error != null
                && error.isObject()
                && error.path("message").isTextual()
                && (admin
                        ? "error".equals(body.path("type").asText())
                        : error.path("code").isTextual());
        if (answer.body() == null || answer.body().isEmpty()) {
            row.httpLayer++;
            httpLayerByStatus.merge(answer.status(), 1, Integer::sum);
            sample(httpLayerSamples, request, answer);
            return;
        }
        if (!shaped) {
            row.wrongShape++;
            sample(wrongShapeSamples, request, answer);
            return;
        }
        boolean named = admin
                ? ADMIN_FIELD.matcher(error.path("message").asText()).matches()
                : error.path("field").isTextual()
                        && !error.path("field").asText().isEmpty();
        int status = answer.status();
        if (named) {
            row.withField++;
        } else if (status == 400 || status == 409 || status == 413 || status == 422) {
            row.withoutField++;
            sample(withoutFieldSamples, request, answer);
        } else {
            row.withoutFieldExpected++;
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isEmpty() ? null : JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static void sample(List<String> samples, FuzzRequest request, FuzzClient.Answer answer) {
        if (samples.size() < SAMPLES) {
            samples.add(answer.status() + " " + FuzzRequest.abbreviate(String.valueOf(answer.body()), 300)
                    + "\n      <- " + request.describe());
        }
    }

    int total(java.util.function.ToIntFunction<Row> figure) {
        return rows.values().stream().mapToInt(figure).sum();
    }

    /** The table: one line per endpoint and a total, then the samples. */
    String table() {
        StringBuilder out = new StringBuilder();
        String format = "%-44s %6s %7s %9s %8s %9s %5s %5s %4s%n";
        out.append(String.format(
                Locale.ROOT,
                format,
                "endpoint",
                "sent",
                "2xx/3xx",
                "4xx+field",
                "4xx(n/a)",
                "4xx-field",
                "empty",
                "shape",
                "5xx"));
        rows.forEach((endpoint, r) -> out.append(String.format(
                Locale.ROOT,
                format,
                endpoint,
                r.sent,
                r.ok,
                r.withField,
                r.withoutFieldExpected,
                r.withoutField,
                r.httpLayer,
                r.wrongShape,
                r.serverErrors)));
        out.append(String.format(
                Locale.ROOT,
                format,
                "TOTAL",
                total(r -> r.sent),
                total(r -> r.ok),
                total(r -> r.withField),
                total(r -> r.withoutFieldExpected),
                total(r -> r.withoutField),
                total(r -> r.httpLayer),
                total(r -> r.wrongShape),
                total(r -> r.serverErrors)));
        out.append("4xx with an empty body, by status: ")
                .append(httpLayerByStatus)
                .append('\n');
        appendSamples(out, "5xx", serverErrorSamples);
        appendSamples(out, "4xx that should name a field and does not", withoutFieldSamples);
        appendSamples(out, "4xx with a body not in the API's error shape", wrongShapeSamples);
        appendSamples(out, "4xx with an empty body (HTTP server or authentication layer)", httpLayerSamples);
        return out.toString();
    }

    private static void appendSamples(StringBuilder out, String title, List<String> samples) {
        if (!samples.isEmpty()) {
            out.append("\nsamples of ").append(title).append(":\n");
            samples.forEach(s -> out.append("  ").append(s).append('\n'));
        }
    }
}
