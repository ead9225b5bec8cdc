package dev.gatewayreports.scheduling.support;

import dev.gatewayreports.model.secrets.SecretBox;
import dev.gatewayreports.testing.Db;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/** Organizations, teams, schedules and ad-hoc deliveries written as report-api writes them. */
public final class Seeds {
    private Seeds() {}

    public static String id(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A new organization with one team of that name; answers {orgId, teamId}. */
    public static String[] team(String teamName) {
        String org = id("org");
        String team = id("team");
        Db.execute("insert into organization (org_id, name) values (?, ?)", org, "Org " + org);
        Db.execute(
                "insert into team (team_id, org_id, name, registered_by) values (?, ?, ?, 'admin')",
                team,
                org,
                teamName == null ? team : teamName);
        return new String[] {org, team};
    }

    /** A schedule as {@code POST /v1/reports/schedule} would store it; answers its id. */
    public static String schedule(
            String[] team,
            String frequency,
            LocalTime time,
            Integer day,
            String zone,
            int days,
            List<String> recipients,
            String format,
            Instant nextRunAt) {
        String id = id("sch");
        Db.execute(
                """
                insert into report_schedule (schedule_id, org_id, team_id, report_type, frequency, schedule_time,
                                             schedule_day, timezone, days, recipients, format, sections, next_run_at)
                values (?, ?, ?, 'usage', ?, ?, ?, ?, ?, ?, ?, '{"summary": true, "daily_trend": true, "by_model": true}'::jsonb, ?)
                """,
                id,
                team[0],
                team[1],
                frequency,
                time,
                day == null ? null : day.shortValue(),
                zone,
                days,
                recipients,
                format,
                nextRunAt);
        return id;
    }

    /**
     * Gives the schedule a webhook, its secret sealed with this run's installation key as report-api seals it, and
     * these recipients (none: webhook only).
     */
    public static void webhook(String scheduleId, String url, String secret, List<String> recipients) {
        Db.execute(
                "update report_schedule set webhook_url = ?, webhook_secret_enc = ?, recipients = ? where schedule_id = ?",
                url,
                SecretBox.fromBase64(SecretsKeyResource.key()).seal(scheduleId, secret),
                recipients,
                scheduleId);
    }

    /** An ad-hoc delivery ({@code POST /v1/reports/send}): no schedule, due at {@code due}. */
    public static String adHoc(
            String[] team, List<String> recipients, String format, Instant start, Instant end, Instant due) {
        String id = id("dlv");
        Db.execute("""
                insert into report_delivery (delivery_id, org_id, team_id, report_type, timezone, period_start,
                                             period_end, format, recipients, status, attempts, next_attempt_at,
                                             requested_by)
                values (?, ?, ?, 'usage', 'UTC', ?, ?, ?, ?, 'pending', 0, ?, 'user-1')
                """, id, team[0], team[1], start, end, format, recipients, due);
        return id;
    }

    /** Forgets every schedule and delivery, so a test's dispatch sees only its own. */
    public static void clearSchedules() {
        Db.execute("delete from report_delivery");
        Db.execute("delete from report_schedule");
    }
}
