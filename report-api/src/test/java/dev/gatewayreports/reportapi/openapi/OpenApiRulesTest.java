package dev.gatewayreports.reportapi.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each of {@link OpenApiRules}' rules finds the fault it is for, and passes a document without it. */
class OpenApiRulesTest {
    private static final String GOOD = """
            {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
             "servers": [{"url": "http://localhost:8080"}],
             "components": {
               "securitySchemes": {"oidc": {"type": "http", "scheme": "bearer"}},
               "schemas": {
                 "Event": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
                 "Lines": {"type": "string", "description": "one Event (#/components/schemas/Event) per line"}}},
             "paths": {"/events": {"post": {
               "operationId": "ingestEvents", "security": [{"oidc": []}],
               "parameters": [{"name": "days", "in": "query", "schema": {"type": "integer"}, "example": 7}],
               "requestBody": {"content": {
                 "application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}},
                                      "example": [{"id": "e1"}]},
                 "application/x-ndjson": {"schema": {"$ref": "#/components/schemas/Lines"},
                                          "example": "{\\"id\\": \\"e1\\"}\\n{\\"id\\": \\"e2\\"}\\n"}}},
               "responses": {"200": {"description": "ok",
                 "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}}}}}}}
            """;

    private static List<String> problems(String document) {
        return new OpenApiRules(Set.of()).problems(document);
    }

    private static void assertFinds(String fault, String document) {
        List<String> problems = problems(document);
        assertTrue(problems.stream().anyMatch(p -> p.contains(fault)), fault + " not in " + problems);
    }

    @Test
    void shouldPassADocumentWithoutFaults() {
        assertEquals(List.of(), problems(GOOD));
    }

    @Test
    void shouldFindEachFault() {
        assertFinds("no operationId", GOOD.replace("\"operationId\": \"ingestEvents\",", ""));
        assertFinds("operationId not camelCase", GOOD.replace("ingestEvents", "ingest_events"));
        assertFinds("no servers", GOOD.replace("[{\"url\": \"http://localhost:8080\"}]", "[]"));
        assertFinds("parameter without a schema", GOOD.replace("\"schema\": {\"type\": \"integer\"}, ", ""));
        assertFinds("parameter days: example does not match", GOOD.replace("\"example\": 7", "\"example\": \"7\""));
        assertFinds("schema name ends in a digit", GOOD.replace("\"Lines\"", "\"Event1\""));
        assertFinds("no security requirement", GOOD.replace("\"security\": [{\"oidc\": []}],", ""));
        assertFinds("security scheme not declared", GOOD.replace("[{\"oidc\": []}]", "[{\"apiKey\": []}]"));
        assertFinds("not a named schema", GOOD.replace("{\"$ref\": \"#/components/schemas/Event\"}}}}}", "{}}}}}"));
        assertFinds("no 2xx response", GOOD.replace("\"200\": {\"description\"", "\"400\": {\"description\""));
        assertFinds(
                "application/json: example does not match",
                GOOD.replace("\"example\": [{\"id\": \"e1\"}]", "\"example\": [{\"name\": \"e1\"}]"));
        assertFinds("x-ndjson: example does not match", GOOD.replace("{\\\"id\\\": \\\"e2\\\"}", "{}"));
        assertFinds("swagger-parser", GOOD.replace("\"info\": {\"title\": \"t\", \"version\": \"1\"},", ""));
    }
}
