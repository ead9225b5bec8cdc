package dev.gatewayreports.reportapi.reports;

import static dev.gatewayreports.reportapi.support.Events.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reports endpoints' behaviour: who sees what, saved history, caching, and a 400 naming every bad field. */
@QuarkusTest
class ReportsResourceTest {

    private static ValidatableResponse generate(String token, String body) {
        return given().header("Authorization", Tokens.bearer(token))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/reports/generate")
                .then();
    }

    private static String ingestOne(String org, String team) {
        given().header("x-api-key", Tenants.serviceKey(org, "ingest"))
                .contentType(ContentType.JSON)
                .body(List.of(event(team)
                        .with(
                                "occurred_at",
                                Instant.now().minus(1, ChronoUnit.DAYS).toString())
                        .build()))
                .post("/v1/usage/events")
                .then()
                .statusCode(200);
        return team;
    }

    @Test
    void shouldRequireAToken() {
        given().contentType(ContentType.JSON)
                .body("{\"report_type\": \"usage\"}")
                .post("/v1/reports/generate")
                .then()
                .statusCode(401);
        given().get("/v1/reports/quick/usage").then().statusCode(401);
        given().get("/v1/reports").then().statusCode(401);
        given().get("/v1/reports/rpt_x").then().statusCode(401);
        given().delete("/v1/reports/rpt_x").then().statusCode(401);
        given().get("/v1/reports/download/rpt_x").then().statusCode(401);
    }

    @Test
    void shouldRejectServiceKeysAndIngestOnlyTokens() {
        String org = Tenants.newOrg();
        given().header("x-api-key", Tenants.serviceKey(org, "ingest"))
                .get("/v1/reports/quick/usage")
                .then()
                .statusCode(403);
        given().header("Authorization", Tokens.bearer(Tokens.user(org, List.of("t1"), "ingest")))
                .get("/v1/reports/quick/usage")
                .then()
                .statusCode(403);
    }

    @Test
    void shouldDefaultToTheOnlyTeamAndAskWhenThereAreSeveral() {
        String org = Tenants.newOrg();
        String team = ingestOne(org, Tenants.newTeam());
        generate(Tokens.user(org, List.of(team), "member"), "{\"report_type\": \"usage\", \"days\": 2}")
                .statusCode(200)
                .body("team_id", equalTo(team))
                .body("report_id", nullValue())
                .body("data.summary.total_requests", equalTo(1))
                .body("sections.hourly_trend", equalTo(false))
                .body("data.hourly_trend", nullValue());
        generate(Tokens.user(org, List.of(team, "team_other"), "member"), "{\"report_type\": \"usage\"}")
                .statusCode(400)
                .body("error.field", equalTo("team_id"));
    }

    @Test
    void shouldAnswer404ForTeamsTheCallerCannotSee() {
        String org = Tenants.newOrg();
        String team = ingestOne(org, Tenants.newTeam());
        String foreignOrg = Tenants.newOrg();
        String foreignTeam = ingestOne(foreignOrg, Tenants.newTeam());
        String member = Tokens.user(org, List.of(team), "member");
        generate(member, "{\"report_type\": \"usage\", \"team_id\": \"" + foreignTeam + "\"}")
                .statusCode(404);
        generate(Tokens.orgAdmin(org), "{\"report_type\": \"usage\", \"team_id\": \"" + foreignTeam + "\"}")
                .statusCode(404);
        // A token naming a team id another organization also has names its own organization's team of that id:
        // none of the other organization's events are in it, exactly as for an id nobody has.
        for (String id : List.of(foreignTeam, Tenants.newTeam())) {
            generate(
                            Tokens.user(org, List.of(id), "member"),
                            "{\"report_type\": \"usage\", \"team_id\": \"" + id + "\"}")
                    .statusCode(200)
                    .body("data.summary.total_requests", equalTo(0));
        }
        String sibling = ingestOne(org, Tenants.newTeam());
        generate(member, "{\"report_type\": \"usage\", \"team_id\": \"" + sibling + "\"}")
                .statusCode(404);
        generate(member, "{\"report_type\": \"usage\", \"team_id\": \"all\"}").statusCode(403);
        generate(Tokens.orgAdmin(org), "{\"report_type\": \"usage\", \"team_id\": \"all\", \"days\": 2}")
                .statusCode(200)
                .body("team_id", equalTo("all"))
                .body("data.summary.total_requests", equalTo(2));
    }

    @Test
    void shouldSaveListPageAndDeleteReports() {
        String org = Tenants.newOrg();
        String team = ingestOne(org, Tenants.newTeam());
        String member = Tokens.user(org, List.of(team), "member");
        List<String> ids = new ArrayList<>();
        for (String type : List.of("usage", "cost", "error")) {
            ExtractableResponse<Response> saved = generate(
                            member, "{\"report_type\": \"" + type + "\", \"days\": 3, \"save\": true}")
                    .statusCode(200)
                    .body("report_id", notNullValue())
                    .extract();
            assertEquals(saved.header("X-Report-Id"), saved.path("report_id"));
            ids.add(saved.path("report_id"));
        }
        String first = given().header("Authorization", Tokens.bearer(member))
                .get("/v1/reports/" + ids.get(1))
                .then()
                .statusCode(200)
                .body("report_type", equalTo("cost"))
                .extract()
                .asString();
        assertNotEquals(-1, first.indexOf("\"total_cost_usd\""));

        ExtractableResponse<Response> page = given().header("Authorization", Tokens.bearer(member))
                .queryParam("limit", 2)
                .get("/v1/reports")
                .then()
                .statusCode(200)
                .body("data", hasSize(2))
                .body("has_more", equalTo(true))
                .body("data[0].report_id", equalTo(ids.get(2)))
                .body("data[1].report_id", equalTo(ids.get(1)))
                .body("data[0].team_id", equalTo(team))
                .extract();
        given().header("Authorization", Tokens.bearer(member))
                .queryParam("limit", 2)
                .queryParam("cursor", page.<String>path("next_cursor"))
                .get("/v1/reports")
                .then()
                .statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].report_id", equalTo(ids.get(0)))
                .body("has_more", equalTo(false))
                .body("next_cursor", nullValue());
        given().header("Authorization", Tokens.bearer(member))
                .queryParam("report_type", "cost")
                .get("/v1/reports")
                .then()
                .body("data", hasSize(1))
                .body("data[0].report_id", equalTo(ids.get(1)));

        // Another organization, or a member of another team, sees none of it.
        String stranger = Tokens.user(Tenants.newOrg(), List.of(team), "org_admin");
        given().header("Authorization", Tokens.bearer(stranger))
                .get("/v1/reports/" + ids.get(0))
                .then()
                .statusCode(404);
        given().header("Authorization", Tokens.bearer(stranger))
                .get("/v1/reports")
                .then()
                .body("data", hasSize(0));
        given().header("Authorization", Tokens.bearer(stranger))
                .delete("/v1/reports/" + ids.get(0))
                .then()
                .statusCode(404);
        given().header("Authorization", Tokens.bearer(stranger))
                .get("/v1/reports/download/" + ids.get(0))
                .then()
                .statusCode(404);

        given().header("Authorization", Tokens.bearer(Tokens.user(org, List.of(team), "member")))
                .delete("/v1/reports/" + ids.get(0))
                .then()
                .statusCode(403);
        given().header("Authorization", Tokens.bearer(Tokens.user(org, List.of(team), "team_admin")))
                .delete("/v1/reports/" + ids.get(0))
                .then()
                .statusCode(204);
        given().header("Authorization", Tokens.bearer(member))
                .get("/v1/reports/" + ids.get(0))
                .then()
                .statusCode(404);
        given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(org)))
                .delete("/v1/reports/" + ids.get(0))
                .then()
                .statusCode(404);
    }

    @Test
    void shouldLetTheMemberWhoSavedAReportDeleteIt() {
        String org = Tenants.newOrg();
        String team = ingestOne(org, Tenants.newTeam());
        // Same e-mail claim, other subjects: the creator is the token's subject, not its e-mail.
        String saver = Tokens.withSubject("saver-" + org, "ana@" + org + ".example", org, List.of(team), "member");
        String saverAgain = Tokens.withSubject("saver-" + org, "ana@" + org + ".example", org, List.of(team), "member");
        String colleague = Tokens.withEmail("ana@" + org + ".example", org, List.of(team), "member");
        String mine = generate(saver, "{\"report_type\": \"usage\", \"days\": 2, \"save\": true}")
                .statusCode(200)
                .extract()
                .path("report_id");
        String colleagues = generate(colleague, "{\"report_type\": \"cost\", \"days\": 2, \"save\": true}")
                .statusCode(200)
                .extract()
                .path("report_id");

        given().header("Authorization", Tokens.bearer(colleague))
                .delete("/v1/reports/" + mine)
                .then()
                .statusCode(403)
                .body("error.code", equalTo("forbidden"));
        given().header("Authorization", Tokens.bearer(saverAgain))
                .delete("/v1/reports/" + colleagues)
                .then()
                .statusCode(403);
        // A member of another team of the organization does not see it at all.
        given().header(
                        "Authorization",
                        Tokens.bearer(
                                Tokens.withSubject("saver-" + org, null, org, List.of(Tenants.newTeam()), "member")))
                .delete("/v1/reports/" + mine)
                .then()
                .statusCode(404);
        given().header("Authorization", Tokens.bearer(saverAgain))
                .delete("/v1/reports/" + mine)
                .then()
                .statusCode(204);
        given().header("Authorization", Tokens.bearer(saver))
                .get("/v1/reports/" + mine)
                .then()
                .statusCode(404);
        given().header("Authorization", Tokens.bearer(colleague))
                .get("/v1/reports/" + colleagues)
                .then()
                .statusCode(200);
    }

    @Test
    void shouldFilterSavedReportsByTeam() {
        String org = Tenants.newOrg();
        String first = ingestOne(org, Tenants.newTeam());
        String second = ingestOne(org, Tenants.newTeam());
        String member = Tokens.user(org, List.of(first, second), "member");
        String inFirst = generate(
                        member,
                        "{\"report_type\": \"usage\", \"days\": 2, \"save\": true, \"team_id\": \"" + first + "\"}")
                .statusCode(200)
                .extract()
                .path("report_id");
        String inSecond = generate(
                        member,
                        "{\"report_type\": \"usage\", \"days\": 2, \"save\": true, \"team_id\": \"" + second + "\"}")
                .statusCode(200)
                .extract()
                .path("report_id");
        String orgWide = generate(
                        Tokens.orgAdmin(org),
                        "{\"report_type\": \"cost\", \"days\": 2, \"save\": true, \"team_id\": \"all\"}")
                .statusCode(200)
                .extract()
                .path("report_id");

        given().header("Authorization", Tokens.bearer(member))
                .get("/v1/reports")
                .then()
                .statusCode(200)
                .body("data", hasSize(2));
        given().header("Authorization", Tokens.bearer(member))
                .queryParam("team_id", first)
                .get("/v1/reports")
                .then()
                .statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].report_id", equalTo(inFirst))
                .body("data[0].team_id", equalTo(first));
        given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(org)))
                .queryParam("team_id", second)
                .get("/v1/reports")
                .then()
                .statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].report_id", equalTo(inSecond));
        given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(org)))
                .queryParam("team_id", "all")
                .get("/v1/reports")
                .then()
                .statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].report_id", equalTo(orgWide));

        // A team the caller is not in, or one of another organization, is 404 like an absent one.
        given().header("Authorization", Tokens.bearer(Tokens.user(org, List.of(first), "member")))
                .queryParam("team_id", second)
                .get("/v1/reports")
                .then()
                .statusCode(404);
        given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(Tenants.newOrg())))
                .queryParam("team_id", first)
                .get("/v1/reports")
                .then()
                .statusCode(404);
        given().header("Authorization", Tokens.bearer(member))
                .queryParam("team_id", "all")
                .get("/v1/reports")
                .then()
                .statusCode(404);
        given().header("Authorization", Tokens.bearer(member))
                .queryParam("team_id", "team with spaces")
                .get("/v1/reports")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("team_id"));
    }

    @Test
    void shouldAnswer304ForAnUnchangedSavedReportAndDownload() {
        String org = Tenants.newOrg();
        String team = ingestOne(org, Tenants.newTeam());
        String member = Tokens.user(org, List.of(team), "member");
        String id = generate(member, "{\"report_type\": \"usage\", \"days\": 2, \"save\": true}")
                .statusCode(200)
                .extract()
                .path("report_id");
        String other = generate(member, "{\"report_type\": \"usage\", \"days\": 2, \"save\": true}")
                .statusCode(200)
                .extract()
                .path("report_id");
        String tag = given().header("Authorization", Tokens.bearer(member))
                .get("/v1/reports/" + id)
                .then()
                .statusCode(200)
                .header("ETag", notNullValue())
                .extract()
                .header("ETag");
        given().header("Authorization", Tokens.bearer(member))
                .header("If-None-Match", tag)
                .get("/v1/reports/" + id)
                .then()
                .statusCode(304)
                .header("ETag", equalTo(tag));
        // Another report (its own report_id and generated_at) has another tag.
        given().header("Authorization", Tokens.bearer(member))
                .header("If-None-Match", tag)
                .get("/v1/reports/" + other)
                .then()
                .statusCode(200)
                .header("ETag", notNullValue());

        String csvTag = given().header("Authorization", Tokens.bearer(member))
                .queryParam("format", "csv")
                .get("/v1/reports/download/" + id)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        assertNotEquals(tag, csvTag);
        given().header("Authorization", Tokens.bearer(member))
                .header("If-None-Match", csvTag)
                .queryParam("format", "csv")
                .get("/v1/reports/download/" + id)
                .then()
                .statusCode(304)
                .header("ETag", equalTo(csvTag));
        given().header("Authorization", Tokens.bearer(member))
                .header("If-None-Match", csvTag)
                .queryParam("format", "xlsx")
                .get("/v1/reports/download/" + id)
                .then()
                .statusCode(200);
        // A stranger learns nothing from a tag: 404 before any 304.
        given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(Tenants.newOrg())))
                .header("If-None-Match", tag)
                .get("/v1/reports/" + id)
                .then()
                .statusCode(404);
    }

    @Test
    void shouldDownloadTheSavedContentUnchanged() {
        String org = Tenants.newOrg();
        String team = ingestOne(org, Tenants.newTeam());
        String member = Tokens.user(org, List.of(team), "member");
        String generated = generate(member, "{\"report_type\": \"usage\", \"days\": 2, \"save\": true}")
                .statusCode(200)
                .extract()
                .asString();
        String id = io.restassured.path.json.JsonPath.from(generated).getString("report_id");
        // New events after saving do not change the saved report.
        ingestOne(org, team);
        ExtractableResponse<Response> download = given().header("Authorization", Tokens.bearer(member))
                .queryParam("format", "json")
                .get("/v1/reports/download/" + id)
                .then()
                .statusCode(200)
                .extract();
        assertEquals(
                io.restassured.path.json.JsonPath.from(generated).getMap(""),
                download.jsonPath().getMap(""));
        assertEquals(1, download.jsonPath().getInt("data.summary.total_requests"));
        String disposition = download.header("Content-Disposition");
        assertEquals(true, disposition.startsWith("attachment;") && disposition.contains(".json"), disposition);
    }

    @Test
    void shouldAnswer304ForAnUnchangedQuickReport() {
        String org = Tenants.newOrg();
        String team = ingestOne(org, Tenants.newTeam());
        String member = Tokens.user(org, List.of(team), "member");
        ExtractableResponse<Response> first = given().header("Authorization", Tokens.bearer(member))
                .get("/v1/reports/quick/performance?days=7")
                .then()
                .statusCode(200)
                .body("sections.slow_requests", equalTo(true))
                .body("data.slow_requests", hasSize(1))
                .extract();
        String etag = first.header("ETag");
        assertEquals(
                java.util.Set.of("private", "max-age=60"),
                java.util.Set.of(first.header("Cache-Control").split(",\\s*")));
        given().header("Authorization", Tokens.bearer(member))
                .header("If-None-Match", etag)
                .get("/v1/reports/quick/performance?days=7")
                .then()
                .statusCode(304)
                .header("ETag", etag);
        ingestOne(org, team);
        given().header("Authorization", Tokens.bearer(member))
                .header("If-None-Match", etag)
                .get("/v1/reports/quick/performance?days=7")
                .then()
                .statusCode(200)
                .body("data.slow_requests", hasSize(2));
    }

    @Test
    void shouldLetTheReportServiceActForTheOrganizationItNames() {
        String org = Tenants.newOrg();
        String team = ingestOne(org, Tenants.newTeam());
        String service = Tokens.reportService();
        given().header("Authorization", Tokens.bearer(service))
                .header("X-Acting-Organization", org)
                .contentType(ContentType.JSON)
                .body(Map.of("report_type", "usage", "team_id", team, "days", 2))
                .post("/v1/reports/generate")
                .then()
                .statusCode(200)
                .body("data.summary.total_requests", equalTo(1));
        given().header("Authorization", Tokens.bearer(service))
                .contentType(ContentType.JSON)
                .body(Map.of("report_type", "usage", "team_id", team))
                .post("/v1/reports/generate")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("X-Acting-Organization"));
        given().header("Authorization", Tokens.bearer(service))
                .header("X-Acting-Organization", Tenants.newOrg())
                .contentType(ContentType.JSON)
                .body(Map.of("report_type", "usage", "team_id", team))
                .post("/v1/reports/generate")
                .then()
                .statusCode(404);
    }

    @Test
    void shouldCountWholeLocalDaysAcrossDaylightSavingChanges() {
        String org = Tenants.newOrg();
        String team = ingestOne(org, Tenants.newTeam());
        // 366 local days in New York from 2 Nov 2024 hold three DST changes: 366 × 24 h + 1 h. Still 366 days,
        // and the previous period is the 366 local days before (from 2 Nov 2023, EDT).
        given().header("Authorization", Tokens.bearer(Tokens.user(org, List.of(team), "member")))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "report_type", "usage",
                        "team_id", team,
                        "timezone", "America/New_York",
                        "start", "2024-11-02T00:00:00-04:00",
                        "end", "2025-11-03T00:00:00-05:00"))
                .post("/v1/reports/generate")
                .then()
                .statusCode(200)
                .body("data.daily_trend.size()", equalTo(366))
                .body("data.summary.previous_period.period_start", equalTo("2023-11-02T04:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{}|report_type",
                "{\"report_type\": \"sales\"}|report_type",
                "{\"report_type\": 3}|report_type",
                "{\"report_type\": \"usage\", \"days\": 0}|days",
                "{\"report_type\": \"usage\", \"days\": 367}|days",
                "{\"report_type\": \"usage\", \"days\": 1.5}|days",
                "{\"report_type\": \"usage\", \"days\": \"7\"}|days",
                "{\"report_type\": \"usage\", \"timezone\": \"Mars/Olympus\"}|timezone",
                "{\"report_type\": \"usage\", \"timezone\": \"+05:00\"}|timezone",
                "{\"report_type\": \"usage\", \"start\": \"2024-11-01T00:00:00Z\"}|end",
                "{\"report_type\": \"usage\", \"end\": \"2024-11-01T00:00:00Z\"}|start",
                "{\"report_type\": \"usage\", \"start\": \"2024-11-01\", \"end\": \"2024-11-02T00:00:00Z\"}|start",
                "{\"report_type\": \"usage\", \"start\": \"2024-11-02T00:00:00Z\", \"end\": \"2024-11-01T00:00:00Z\"}|end",
                "{\"report_type\": \"usage\", \"start\": \"2023-01-01T00:00:00Z\", \"end\": \"2024-11-01T00:00:00Z\"}|end",
                "{\"report_type\": \"usage\", \"days\": 3, \"start\": \"2024-11-01T00:00:00Z\", \"end\": \"2024-11-02T00:00:00Z\"}|days",
                "{\"report_type\": \"usage\", \"format\": \"pdf\"}|format",
                "{\"report_type\": \"usage\", \"save\": \"yes\"}|save",
                "{\"report_type\": \"usage\", \"sections\": {\"charts\": true}}|sections.charts",
                "{\"report_type\": \"usage\", \"sections\": {\"summary\": 1}}|sections.summary",
                "{\"report_type\": \"usage\", \"sections\": [\"summary\"]}|sections",
                "[]|body",
            })
    void shouldNameTheBadField(String body, String field) {
        String org = Tenants.newOrg();
        generate(Tokens.user(org, List.of("team_a"), "member"), body)
                .statusCode(400)
                .body("error.code", equalTo("invalid_request"))
                .body("error.field", equalTo(field));
    }

    @Test
    void shouldNameTheBadQueryParameter() {
        String member = Tokens.user(Tenants.newOrg(), List.of("team_a"), "member");
        given().header("Authorization", Tokens.bearer(member))
                .get("/v1/reports/quick/nope")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("report_type"));
        given().header("Authorization", Tokens.bearer(member))
                .get("/v1/reports/quick/usage?days=abc")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("days"));
        given().header("Authorization", Tokens.bearer(member))
                .get("/v1/reports?limit=101")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("limit"));
        given().header("Authorization", Tokens.bearer(member))
                .get("/v1/reports?cursor=bm90LWEtY3Vyc29y")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("cursor"));
        given().header("Authorization", Tokens.bearer(member))
                .get("/v1/reports?report_type=sales")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("report_type"));
        given().header("Authorization", Tokens.bearer(member))
                .get("/v1/reports/download/rpt_none?format=pdf")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("format"));
        given().header("Authorization", Tokens.bearer(member))
                .contentType(ContentType.JSON)
                .body("{not json")
                .post("/v1/reports/generate")
                .then()
                .statusCode(400);
    }

    /** A token may name an organization nothing has registered yet (no key, team or ingest): saving still works. */
    @Test
    void shouldSaveAReportForAnOrganizationNothingRegisteredYet() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String member = Tokens.bearer(Tokens.user(org, List.of(team), "member"));
        String id = given().header("Authorization", member)
                .contentType(ContentType.JSON)
                .body(Map.of("report_type", "usage", "days", 1, "team_id", team, "save", true))
                .post("/v1/reports/generate")
                .then()
                .statusCode(200)
                .extract()
                .path("report_id");
        given().header("Authorization", member)
                .get("/v1/reports/" + id)
                .then()
                .statusCode(200)
                .body("report_id", equalTo(id));
    }
}
