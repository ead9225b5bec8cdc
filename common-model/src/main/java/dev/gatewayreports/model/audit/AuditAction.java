package dev.gatewayreports.model.audit;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What an audit row records; {@link #wire()} is the {@code action} column and the API's spelling. */
public enum AuditAction {
    /** An org admin minted a service key (target: the key). */
    SERVICE_KEY_MINTED("service_key.minted"),
    /** An org admin revoked a service key that was live (target: the key). */
    SERVICE_KEY_REVOKED("service_key.revoked"),
    /** An org admin created a team (target: the team). */
    TEAM_CREATED("team.created"),
    /** An org admin renamed a team or changed the organization's default team (target: the team). */
    TEAM_UPDATED("team.updated"),
    /** A team's schedule of a report type was created (target: the schedule). */
    SCHEDULE_CREATED("schedule.created"),
    /** A team's schedule of a report type was replaced (target: the schedule). */
    SCHEDULE_UPDATED("schedule.updated"),
    /** A team's schedule of a report type was deleted (target: the schedule). */
    SCHEDULE_DELETED("schedule.deleted"),
    /** A team's schedule's webhook signing secret was replaced (target: the schedule; never the secret). */
    SCHEDULE_WEBHOOK_SECRET_ROTATED("schedule.webhook_secret_rotated"),
    /** An alert rule was created (target: the rule). */
    ALERT_CREATED("alert.created"),
    /** An alert rule was replaced (target: the rule; details: what changed). */
    ALERT_UPDATED("alert.updated"),
    /** An alert rule was deleted with its history (target: the rule). */
    ALERT_DELETED("alert.deleted"),
    /** An alert rule's webhook signing secret was replaced (target: the rule; never the secret). */
    ALERT_WEBHOOK_SECRET_ROTATED("alert.webhook_secret_rotated"),
    /** An org admin added one of the organization's own prices (target: the price). */
    PRICE_ADDED("price.added"),
    /** An org admin deleted an organization price that was not in effect yet (target: the price). */
    PRICE_DELETED("price.deleted"),
    /** A report was sent by e-mail ad hoc (target: the delivery). */
    DELIVERY_REQUESTED("delivery.requested"),
    /** A report_service credential made a request for the organization (details: method and path). */
    ACTING_REQUEST("acting.request"),
    /** An operator rebuilt the rollups of a window (system-wide: no organization). */
    ROLLUPS_REBUILT("ops.rollups_rebuilt"),
    /** Retention ran, nightly or by an operator (system-wide: no organization). */
    RETENTION_APPLIED("ops.retention_applied");

    private final String wire;

    AuditAction(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The action of this spelling, or null. */
    public static AuditAction fromWire(String wire) {
        for (AuditAction a : values()) {
            if (a.wire.equals(wire)) {
                return a;
            }
        }
        return null;
    }

    /** Every spelling, for error messages. */
    public static String allowed() {
        return Arrays.stream(values()).map(AuditAction::wire).collect(Collectors.joining(", "));
    }
}
