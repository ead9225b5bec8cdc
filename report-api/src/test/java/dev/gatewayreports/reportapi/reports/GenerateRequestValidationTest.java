package dev.gatewayreports.reportapi.reports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.model.report.GenerateReportRequest;
import dev.gatewayreports.model.report.ReportSections;
import dev.gatewayreports.reportapi.errors.ViolationFields;
import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The generate body as a record: each bad body is a 400 naming its field with the message a client can act on
 * (Bean Validation constraints, the period's cross-field rules, JSON binding errors), and the record's constraints
 * on their own (what report-api validates and the scheduler sends).
 */
@QuarkusTest
class GenerateRequestValidationTest {
    @Inject
    Validator validator;

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {}                                                                   | report_type | report_type is required: usage, cost, performance, error or comprehensive
            {"report_type": "weekly"}                                            | report_type | report_type must be usage, cost, performance, error or comprehensive
            {"report_type": ["usage"]}                                           | report_type | report_type has the wrong type or format
            {"report_type": "usage", "days": 0}                                  | days        | days must be between 1 and 366
            {"report_type": "usage", "days": "7"}                                | days        | days has the wrong type or format
            {"report_type": "usage", "days": 7.5}                                | days        | days has the wrong type or format
            {"report_type": "usage", "timezone": "Europe/Atlantis"}              | timezone    | timezone must be an IANA time zone such as America/New_York
            {"report_type": "usage", "start": "2024-11-02T00:00:00Z", "end": "2024-11-01T00:00:00Z"} | end | end must be after start
            {"report_type": "usage", "start": "2023-01-01T00:00:00Z", "end": "2024-01-03T00:00:00Z"} | end | a report covers at most 366 days
            {"report_type": "usage", "days": 7, "start": "2024-11-01T00:00:00Z", "end": "2024-11-02T00:00:00Z"} | days | give either days or start and end, not both
            {"report_type": "usage", "start": "yesterday", "end": "2024-11-02T00:00:00Z"} | start | start must be an RFC 3339 timestamp with an offset, e.g. 2024-12-19T00:00:00Z, from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z
            {"report_type": "usage", "format": "pdf"}                            | format      | format must be json, csv or xlsx
            {"report_type": "usage", "save": 1}                                  | save        | save has the wrong type or format
            {"report_type": "usage", "sections": {"charts": true}}               | sections.charts | sections.charts is unknown: use one of summary, daily_trend, hourly_trend, by_provider, by_model, by_api_key, performance, slow_requests, error_details
            {"report_type": "usage", "sections": {"by_model": "true"}}           | sections.by_model | sections.by_model has the wrong type or format
            {"report_type": "usage", "team_id": "team x"}                        | team_id     | team_id must be a team id or all
            null                                                                 | body        | a JSON object with report_type is required
            "usage"                                                              | body        | the body is not valid JSON
            """)
    void shouldAnswerEachBadBodyWithItsFieldAndMessage(String body, String field, String message) {
        given().header("Authorization", Tokens.bearer(Tokens.user(Tenants.newOrg(), List.of("team_a"), "member")))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/reports/generate")
                .then()
                .statusCode(400)
                .body("error.code", equalTo("invalid_request"))
                .body("error.field", equalTo(field))
                .body("error.message", equalTo(message));
    }

    @Test
    void shouldCountWholeLocalDaysAcrossDaylightSavingChanges() {
        // 366 local days in New York from 2024-01-01: 366 × 24 h would end an hour later, yet it is 366 days.
        assertEquals(Set.of(), fields(period("2024-01-01T05:00:00Z", "2025-01-01T05:00:00Z", "America/New_York")));
        assertEquals(Set.of("end"), fields(period("2024-01-01T05:00:00Z", "2025-01-02T05:00:00Z", "America/New_York")));
        // Not whole local days: counted in hours.
        assertEquals(Set.of("end"), fields(period("2024-01-01T05:30:00Z", "2025-01-01T06:00:00Z", "America/New_York")));
    }

    @Test
    void shouldAcceptWhatTheSchedulerSends() {
        GenerateReportRequest sent = GenerateReportRequest.savedPeriod(
                "cost",
                "team_a",
                java.time.Instant.parse("2026-03-01T05:00:00Z"),
                java.time.Instant.parse("2026-03-08T05:00:00Z"),
                java.time.ZoneId.of("America/New_York"),
                ReportSections.of(java.util.Map.of("by_api_key", true)));
        assertEquals(Set.of(), fields(sent));
    }

    @Test
    void shouldKnowTheSameReportTypesAsReportApi() {
        for (ReportType type : ReportType.values()) {
            assertTrue(Pattern.matches(GenerateReportRequest.TYPE_PATTERN, type.wire()), type.wire());
        }
        assertEquals(ReportType.values().length, GenerateReportRequest.TYPE_PATTERN.split("\\|").length);
        assertEquals(Section.values().length, ReportSections.NAMES.size());
        for (Section section : Section.values()) {
            assertTrue(ReportSections.NAMES.contains(section.wire()), section.wire());
        }
    }

    private static GenerateReportRequest period(String start, String end, String zone) {
        return new GenerateReportRequest("usage", null, null, start, end, zone, null, null, null);
    }

    private Set<String> fields(GenerateReportRequest request) {
        Set<ConstraintViolation<GenerateReportRequest>> violations = validator.validate(request);
        return violations.stream().map(ViolationFields::field).collect(java.util.stream.Collectors.toSet());
    }
}
