package dev.gatewayreports.reportapi.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The new endpoints are documented, with their parameters and examples. */
@QuarkusTest
class AdminOpenApiTest {
    static final String USAGE = "/v1/organizations/usage_report/messages";
    static final String COST = "/v1/organizations/cost_report";

    @Test
    void shouldDocumentCallStatsAndTheAdminReports() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths", hasKey("/calls/stats"))
                .body("paths", hasKey(USAGE))
                .body("paths", hasKey(COST))
                .body("paths.'/calls/stats'.post.summary", notNullValue())
                .body("paths.'" + USAGE + "'.get.parameters.find { it.name == 'starting_at' }.example", notNullValue())
                .body("paths.'" + COST + "'.get.parameters.find { it.name == 'group_by[]' }.example", notNullValue());
    }

    /** What a linter asks of each parameter, and the values a generated client needs to offer. */
    @Test
    void shouldGiveEveryAdminParameterASchemaWithItsValues() throws Exception {
        JsonNode doc = new ObjectMapper()
                .readTree(given().accept("application/json")
                        .get("/q/openapi")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        Map<String, Map<String, JsonNode>> byPath = new HashMap<>();
        for (String path : List.of(USAGE, COST)) {
            Map<String, JsonNode> params = new HashMap<>();
            for (JsonNode p : doc.at("/paths/" + path.replace("/", "~1") + "/get/parameters")) {
                JsonNode schema = resolve(doc, p.get("schema"));
                assertNotNull(schema, path + " " + p.get("name") + " has no schema");
                assertTrue(schema.has("type"), path + " " + p.get("name") + " schema without a type: " + schema);
                if ("array".equals(schema.get("type").asText()) && p.has("example")) {
                    assertTrue(p.get("example").isArray(), p.get("name") + ": an example that fits its schema");
                }
                params.put(p.get("name").asText(), p);
            }
            byPath.put(path, params);
        }
        Map<String, JsonNode> usage = byPath.get(USAGE);
        assertEquals(
                List.of(
                        "anthropic-version",
                        "api_key_ids[]",
                        "bucket_width",
                        "context_window[]",
                        "ending_at",
                        "group_by[]",
                        "inference_geos[]",
                        "limit",
                        "models[]",
                        "page",
                        "service_tiers[]",
                        "starting_at",
                        "workspace_ids[]",
                        "x-api-key"),
                usage.keySet().stream().sorted().toList());
        assertTrue(usage.get("starting_at").get("required").asBoolean());
        assertEquals(
                "date-time",
                resolve(doc, usage.get("starting_at").get("schema"))
                        .get("format")
                        .asText());
        assertEquals(
                "date-time",
                resolve(doc, usage.get("ending_at").get("schema")).get("format").asText());
        assertEquals(
                List.of("1m", "1h", "1d"),
                values(resolve(doc, usage.get("bucket_width").get("schema"))));
        assertEquals(
                "integer",
                resolve(doc, usage.get("limit").get("schema")).get("type").asText());
        assertEquals(
                List.of("api_key_id", "workspace_id", "model", "service_tier", "context_window", "inference_geo"),
                itemValues(doc, usage.get("group_by[]")));
        assertEquals(List.of("standard", "batch", "priority", "flex"), itemValues(doc, usage.get("service_tiers[]")));
        assertEquals(List.of("0-200k", "200k-1M"), itemValues(doc, usage.get("context_window[]")));

        Map<String, JsonNode> cost = byPath.get(COST);
        assertEquals(
                List.of(
                        "anthropic-version",
                        "bucket_width",
                        "ending_at",
                        "group_by[]",
                        "limit",
                        "page",
                        "starting_at",
                        "workspace_ids[]",
                        "x-api-key"),
                cost.keySet().stream().sorted().toList());
        assertEquals(List.of("1d"), values(resolve(doc, cost.get("bucket_width").get("schema"))));
        assertEquals(List.of("workspace_id", "description"), itemValues(doc, cost.get("group_by[]")));
    }

    private static List<String> itemValues(JsonNode doc, JsonNode parameter) {
        JsonNode schema = resolve(doc, parameter.get("schema"));
        assertEquals("array", schema.get("type").asText(), parameter.toString());
        return values(resolve(doc, schema.get("items")));
    }

    private static List<String> values(JsonNode schema) {
        List<String> values = new ArrayList<>();
        assertNotNull(schema.get("enum"), "no enum in " + schema);
        schema.get("enum").forEach(v -> values.add(v.asText()));
        return values;
    }

    /** The schema itself, following a {@code $ref} into components. */
    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        if (schema != null && schema.has("$ref")) {
            return doc.at(schema.get("$ref").asText().substring(1));
        }
        return schema;
    }
}
