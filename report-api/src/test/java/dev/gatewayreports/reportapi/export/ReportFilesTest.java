package dev.gatewayreports.reportapi.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ReportFilesTest {

    @Test
    void shouldNameTheFileAfterTypeTeamAndLocalDays() {
        JsonNode report = SampleReports.parse("""
                {"report_type": "usage", "team_id": "team_xyz", "timezone": "America/New_York",
                 "period_start": "2024-12-19T05:00:00Z", "period_end": "2024-12-26T05:00:00Z"}
                """);
        assertEquals(
                "usage-report_team_xyz_2024-12-19_to_2024-12-25.csv",
                ReportFiles.fileName(SampleReports.typed(report), "csv"));
        assertEquals(
                "usage-report_team_xyz_2024-12-19_to_2024-12-25.xlsx",
                ReportFiles.fileName(SampleReports.typed(report), ".xlsx"));
    }

    @Test
    void shouldUseTheDayOfTheEndWhenItIsNotALocalMidnight() {
        JsonNode report = SampleReports.costReport();
        // 2024-12-18T18:30Z is 2024-12-19 00:00 in Kolkata; 2024-12-20T12:00Z is 17:30 local on the 20th.
        assertEquals(
                "cost-report_all_2024-12-19_to_2024-12-20.csv",
                ReportFiles.fileName(SampleReports.typed(report), "csv"));
    }

    @Test
    void shouldCountLocalDaysAcrossTheFallBackNight() {
        assertEquals(
                "comprehensive-report_team_xyz_2024-11-01_to_2024-11-07.xlsx",
                ReportFiles.fileName(SampleReports.typed(SampleReports.comprehensive()), "xlsx"));
    }

    @Test
    void shouldSanitizeAndFallBackWhenFieldsAreMissing() {
        JsonNode report = SampleReports.parse("""
                {"report_type": "us/age", "team_id": "../équipe \\"x\\"", "timezone": "Not/AZone",
                 "period_start": "2024-12-19T00:00:00Z", "period_end": "2024-12-19T00:00:00Z"}
                """);
        assertEquals(
                "us_age-report_.._quipe_x__2024-12-19_to_2024-12-19.csv",
                ReportFiles.fileName(SampleReports.typed(report), "csv"));
        assertEquals("report-report_all", ReportFiles.fileName(SampleReports.typed(SampleReports.parse("{}")), null));
    }

    @Test
    void shouldWriteAContentDispositionWithAnAsciiFallbackAndTheUtf8Name() {
        assertEquals(
                "attachment; filename=\"usage-report_team_2024-12-19.csv\"; filename*=UTF-8''usage-report_team_2024-12-19.csv",
                ReportFiles.contentDisposition("usage-report_team_2024-12-19.csv"));
        assertEquals(
                "attachment; filename=\"r_sum_ _a_.csv\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22a%22.csv",
                ReportFiles.contentDisposition("résumé \"a\".csv"));
    }
}
