package dev.gatewayreports.scheduling.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatewayreports.scheduling.due.SchedulerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * report-api as the report service sees it: generate (and save) a report of a delivery's fixed period for the
 * delivery's organization, and download it as CSV or XLSX. All report logic stays in report-api.
 */
@ApplicationScoped
public class ReportApiClient {
    /** 4xx answers worth retrying; any other 4xx (the team is gone, the request is invalid) is permanent. */
    private static final Set<Integer> TRANSIENT_4XX = Set.of(401, 408, 429);

    private final SchedulerConfig.ReportApi config;
    private final ServiceToken token;
    private final ObjectMapper json;
    private final HttpClient http;

    public ReportApiClient(SchedulerConfig config, ServiceToken token, ObjectMapper json) {
        this.config = config.reportApi();
        this.token = token;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** {@code POST /v1/reports/generate} with {@code save: true}: the report object, with its report_id. */
    public JsonNode generate(DeliveryRequest d) {
        ObjectNode body = json.createObjectNode()
                .put("report_type", d.reportType())
                .put("team_id", d.teamId())
                .put("start", d.periodStart().toString())
                .put("end", d.periodEnd().toString())
                .put("timezone", d.zone().getId())
                .put("format", "json")
                .put("save", true);
        if (d.sectionsJson() != null) {
            body.set("sections", readJson(d.sectionsJson()));
        }
        HttpRequest.Builder request = request("/v1/reports/generate", d.orgId())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<byte[]> response = send(request, "generate");
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new DeliveryFailure("report-api answered a report that is not JSON", false, e);
        }
    }

    /**
     * {@code GET /v1/reports/{id}}: a report saved earlier, exactly as it was generated; null when report-api no
     * longer has it (deleted since), so the caller makes a new one.
     */
    public JsonNode saved(String orgId, String reportId) {
        String path = "/v1/reports/" + URLEncoder.encode(reportId, StandardCharsets.UTF_8);
        HttpResponse<byte[]> response;
        try {
            response = send(
                    request(path, orgId).header("Accept", "application/json").GET(), "saved report");
        } catch (DeliveryFailure e) {
            if (e.notFound()) {
                return null;
            }
            throw e;
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new DeliveryFailure("report-api answered a saved report that is not JSON", false, e);
        }
    }

    /** {@code GET /v1/reports/download/{id}?format=…}: the file, named as report-api names it. */
    public Attachment download(String orgId, String reportId, String format) {
        String path = "/v1/reports/download/" + URLEncoder.encode(reportId, StandardCharsets.UTF_8) + "?format="
                + URLEncoder.encode(format, StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = send(request(path, orgId).GET(), "download");
        return Attachment.of(
                response.headers().firstValue("Content-Disposition").orElse(null),
                response.headers().firstValue("Content-Type").orElse(null),
                format,
                response.body());
    }

    private HttpRequest.Builder request(String path, String orgId) {
        return HttpRequest.newBuilder(URI.create(stripSlash(config.url()) + path))
                .timeout(config.timeout())
                .header("X-Acting-Organization", orgId);
    }

    /** Sends with the service token; a refused renewable token is replaced once. */
    private HttpResponse<byte[]> send(HttpRequest.Builder request, String what) {
        HttpResponse<byte[]> response = sendOnce(request, what);
        if (response.statusCode() == 401 && token.renewable()) {
            token.invalidate();
            response = sendOnce(request, what);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        boolean permanent = status >= 400 && status < 500 && !TRANSIENT_4XX.contains(status);
        throw new DeliveryFailure(
                "report-api " + what + " answered " + status + errorMessage(response.body()), permanent, status);
    }

    private HttpResponse<byte[]> sendOnce(HttpRequest.Builder request, String what) {
        request.setHeader("Authorization", "Bearer " + token.current());
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new DeliveryFailure("report-api " + what + " failed: " + DeliveryFailure.describe(e), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure("interrupted while calling report-api", false, e);
        }
    }

    /** report-api's {@code error.message}, if the body has one. */
    private String errorMessage(byte[] body) {
        try {
            String message = json.readTree(body).path("error").path("message").asText("");
            return message.isEmpty() ? "" : ": " + message;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private JsonNode readJson(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new DeliveryFailure("the delivery's sections are not JSON", true, e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
