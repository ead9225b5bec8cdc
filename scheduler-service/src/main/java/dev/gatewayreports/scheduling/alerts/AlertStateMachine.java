package dev.gatewayreports.scheduling.alerts;

import dev.gatewayreports.model.alerts.AlertEventKind;
import dev.gatewayreports.model.alerts.AlertState;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One evaluation's decision, from the rule's state as claimed and the measured value: the next state and the
 * events to record (docs/alerts-evaluation.md). Pure: no clock, no database.
 */
public final class AlertStateMachine {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private AlertStateMachine() {}

    /** An event to insert: its kind and episode key (unique per rule). */
    public record EventDraft(AlertEventKind kind, String episodeKey) {}

    /** The state to write and the events to insert. */
    public record Decision(AlertState state, Instant stateSince, int episode, List<EventDraft> events) {}

    /**
     * Decides one evaluation at {@code now}. {@code value} null (no requests for a rate or a percentile): the state
     * stays as it is and nothing fires. {@code forecast}: a budget's month-end forecast, or null.
     */
    public static Decision decide(AlertRule rule, BigDecimal value, BigDecimal forecast, Instant now, ZoneId zone) {
        List<EventDraft> events = new ArrayList<>();
        if (value == null) {
            return new Decision(rule.state(), rule.stateSince(), rule.episode(), events);
        }
        Decision next = transition(rule, value, now, events);
        if (rule.budget()) {
            String month = now.atZone(zone).format(MONTH);
            for (int level : AlertEventKind.BUDGET_LEVELS) {
                BigDecimal share =
                        rule.threshold().multiply(BigDecimal.valueOf(level)).divide(HUNDRED);
                if (value.compareTo(share) >= 0) {
                    events.add(new EventDraft(AlertEventKind.budgetLevel(level), month));
                }
            }
            if (forecast != null && rule.comparison().holds(forecast, rule.threshold())) {
                events.add(new EventDraft(AlertEventKind.FORECAST, month));
            }
        }
        return next;
    }

    private static Decision transition(AlertRule rule, BigDecimal value, Instant now, List<EventDraft> events) {
        boolean condition = rule.comparison().holds(value, rule.threshold());
        Instant since = rule.stateSince() == null ? now : rule.stateSince();
        switch (rule.state()) {
            case FIRING -> {
                if (resolves(value, rule)) {
                    events.add(new EventDraft(AlertEventKind.RESOLVED, "e" + rule.episode()));
                    return new Decision(AlertState.OK, now, rule.episode(), events);
                }
                return new Decision(AlertState.FIRING, since, rule.episode(), events);
            }
            case PENDING -> {
                if (!condition) {
                    return new Decision(AlertState.OK, now, rule.episode(), events);
                }
                if (!now.isBefore(since.plus(Duration.ofMinutes(rule.forMinutes())))) {
                    return fire(rule, now, events);
                }
                return new Decision(AlertState.PENDING, since, rule.episode(), events);
            }
            case OK -> {
                if (!condition) {
                    return new Decision(AlertState.OK, rule.stateSince(), rule.episode(), events);
                }
                if (rule.forMinutes() == 0) {
                    return fire(rule, now, events);
                }
                return new Decision(AlertState.PENDING, now, rule.episode(), events);
            }
        }
        throw new IllegalStateException("unknown state " + rule.state());
    }

    private static Decision fire(AlertRule rule, Instant now, List<EventDraft> events) {
        int episode = rule.episode() + 1;
        events.add(new EventDraft(AlertEventKind.FIRED, "e" + episode));
        return new Decision(AlertState.FIRING, now, episode, events);
    }

    /**
     * Whether a firing rule's value is back past its threshold by the hysteresis band: gt/gte below threshold × (1 −
     * h/100), lt/lte above threshold × (1 + h/100).
     */
    public static boolean resolves(BigDecimal value, AlertRule rule) {
        BigDecimal band = rule.threshold().multiply(rule.hysteresisPercent()).divide(HUNDRED);
        return rule.comparison().upward()
                ? value.compareTo(rule.threshold().subtract(band)) < 0
                : value.compareTo(rule.threshold().add(band)) > 0;
    }
}
