package dev.gatewayreports.reportapi.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What a client generator needs of an OpenAPI 3.1 document, checked without Node: swagger-parser's own messages, then
 * our rules. Every operation has a unique camelCase {@code operationId}, a 2xx response and a security requirement
 * naming declared schemes; every parameter a schema; every body and JSON response a named schema ({@code $ref}, an
 * array of one, or a string for files); no schema name ends in a digit (SmallRye's {@code Bucket1} for colliding
 * nested types); there is a server; and every example validates against its schema (JSON Schema 2020-12, networknt),
 * NDJSON examples line by line against the line's schema.
 *
 * @param untyped bodies and responses that may be an open object for now, as {@code operationId request|response}
 */
record OpenApiRules(Set<String> untyped) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final String NDJSON = "application/x-ndjson";
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /** Every problem found, one line each; empty when the document passes. */
    List<String> problems(String document) {
        List<String> problems = new ArrayList<>(parserMessages(document));
        JsonNode doc;
        try {
            doc = JSON.readTree(document);
        } catch (Exception e) {
            return List.of("not JSON: " + e.getMessage());
        }
        if (!doc.path("servers").isArray() || doc.path("servers").isEmpty()) {
            problems.add("no servers");
        }
        doc.path("servers").forEach(server -> {
            if (!server.path("url").asText().matches("https?://.+")) {
                problems.add("server url is not absolute: " + server.path("url").asText());
            }
        });
        JsonNode schemes = doc.path("components").path("securitySchemes");
        doc.path("components").path("schemas").fieldNames().forEachRemaining(name -> {
            if (Character.isDigit(name.charAt(name.length() - 1))) {
                problems.add("schema name ends in a digit: " + name);
            }
            if (name.startsWith("JsonNode")) {
                problems.add("schema of Jackson's tree type: " + name);
            }
        });
        doc.path("components")
                .path("schemas")
                .fields()
                .forEachRemaining(schema -> schema.getValue()
                        .path("properties")
                        .fields()
                        .forEachRemaining(property -> {
                            if (property.getValue().has("example")) {
                                String where = "schema " + schema.getKey() + "." + property.getKey();
                                validate(
                                        doc,
                                        property.getValue(),
                                        property.getValue().get("example"),
                                        where,
                                        problems);
                            }
                        }));
        Set<String> ids = new HashSet<>();
        forEachOperation(doc, (where, op) -> {
            String id = op.path("operationId").asText("");
            if (id.isEmpty()) {
                problems.add(where + ": no operationId");
            } else if (!id.matches("[a-z][A-Za-z0-9]*")) {
                problems.add(where + ": operationId not camelCase: " + id);
            } else if (!ids.add(id)) {
                problems.add(where + ": operationId used twice: " + id);
            }
            String name = id.isEmpty() ? where : id;
            operation(doc, name, op, schemes, problems);
        });
        return problems;
    }

    private void operation(JsonNode doc, String id, JsonNode op, JsonNode schemes, List<String> problems) {
        if (!op.path("security").isArray() || op.path("security").isEmpty()) {
            problems.add(id + ": no security requirement");
        }
        op.path("security")
                .forEach(requirement -> requirement.fieldNames().forEachRemaining(scheme -> {
                    if (!schemes.has(scheme)) {
                        problems.add(id + ": security scheme not declared: " + scheme);
                    }
                }));
        for (JsonNode parameter : op.path("parameters")) {
            String name = parameter.path("name").asText();
            JsonNode schema = parameter.path("schema");
            if (schema.isMissingNode()) {
                problems.add(id + ": parameter without a schema: " + name);
            } else if (parameter.has("example")) {
                validate(doc, schema, parameter.get("example"), id + " parameter " + name, problems);
            }
        }
        content(doc, id, "request", op.path("requestBody").path("content"), problems);
        boolean success = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = op.path("responses").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> response = it.next();
            success |= response.getKey().startsWith("2");
            content(
                    doc,
                    id,
                    "response " + response.getKey(),
                    response.getValue().path("content"),
                    problems);
        }
        if (!success) {
            problems.add(id + ": no 2xx response");
        }
    }

    private void content(JsonNode doc, String id, String what, JsonNode content, List<String> problems) {
        content.fields().forEachRemaining(media -> {
            String where = id + " " + what + " " + media.getKey();
            JsonNode schema = media.getValue().path("schema");
            boolean named = schema.has("$ref")
                    || schema.path("items").has("$ref")
                    || schema.path("items").has("type")
                    || "string".equals(schema.path("type").asText());
            JsonNode target = resolve(doc, schema);
            boolean open = "object".equals(target.path("type").asText())
                    && !target.has("properties")
                    && !target.path("additionalProperties").isObject();
            if ((!named || open) && !untyped.contains(id + " " + what.split(" ")[0])) {
                problems.add(where + ": not a named schema with properties: " + schema);
            }
            if (media.getValue().has("example")) {
                example(doc, media.getKey(), schema, media.getValue().get("example"), where, problems);
            }
            media.getValue().path("examples").fields().forEachRemaining(example -> {
                JsonNode value = resolve(doc, example.getValue()).path("value");
                example(doc, media.getKey(), schema, value, where + " example " + example.getKey(), problems);
            });
        });
    }

    private static void example(
            JsonNode doc, String mediaType, JsonNode schema, JsonNode value, String where, List<String> problems) {
        validate(doc, schema, value, where, problems);
        if (!mediaType.equals(NDJSON)) {
            return;
        }
        // An NDJSON body is text; its description names the schema each line holds (UsageEvent).
        String lineSchema =
                resolve(doc, schema).path("description").asText().replaceAll("(?s).*\\((#/[^)]+)\\).*", "$1");
        if (!lineSchema.startsWith("#/")) {
            problems.add(where + ": NDJSON schema does not name its line schema as (#/components/schemas/…)");
            return;
        }
        for (String line : value.asText().split("\n")) {
            try {
                validate(doc, JSON.createObjectNode().put("$ref", lineSchema), JSON.readTree(line), where, problems);
            } catch (Exception e) {
                problems.add(where + ": a line is not JSON: " + line);
            }
        }
    }

    private static void validate(JsonNode doc, JsonNode schema, JsonNode value, String where, List<String> problems) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", SpecificationVersion.DRAFT_2020_12.getDialectId());
        root.set("components", doc.path("components"));
        root.set("allOf", JSON.createArrayNode().add(schema));
        List<Error> errors;
        try {
            Schema validator = SCHEMAS.getSchema(root);
            errors = validator.validate(value.toString(), InputFormat.JSON);
        } catch (RuntimeException e) {
            problems.add(where + ": the schema cannot be used: " + e.getMessage());
            return;
        }
        for (Error error : errors) {
            problems.add(where + ": example does not match its schema: " + error);
        }
    }

    /** Follows one {@code $ref} to a component. */
    private static JsonNode resolve(JsonNode doc, JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? doc.at(ref.substring(1)) : node;
    }

    private static List<String> parserMessages(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        List<String> messages =
                new OpenAPIV3Parser().readContents(document, null, options).getMessages();
        return messages == null
                ? List.of()
                : messages.stream().map(m -> "swagger-parser: " + m).toList();
    }

    private static void forEachOperation(JsonNode doc, BiConsumer<String, JsonNode> action) {
        doc.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    if (METHODS.contains(op.getKey())) {
                        action.accept(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
                    }
                }));
    }
}
