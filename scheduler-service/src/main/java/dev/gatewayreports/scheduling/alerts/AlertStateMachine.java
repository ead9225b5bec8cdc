package dev.gatewayreports.scheduling.alerts;

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
    private static final int[] BUDGET_LEVELS = {50, 80, 100};
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private AlertStateMachine() {}

    /** An event to insert: its kind and episode key (unique per rule). */
    public record EventDraft(String kind, String episodeKey) {}

    /** The state to write and the events to insert. */
    public record Decision(String state, Instant stateSince, int episode, List<EventDraft> events) {}

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
            for (int level : BUDGET_LEVELS) {
                BigDecimal share =
                        rule.threshold().multiply(BigDecimal.valueOf(level)).divide(HUNDRED);
                if (value.compareTo(share) >= 0) {
                    events.add(new EventDraft("budget_" + level, month));
                }
            }
            if (forecast != null && holds(forecast, rule.comparison(), rule.threshold())) {
                events.add(new EventDraft("forecast", month));
            }
        }
        return next;
    }

    private static Decision transition(AlertRule rule, BigDecimal value, Instant now, List<EventDraft> events) {
        boolean condition = holds(value, rule.comparison(), rule.threshold());
        Instant since = rule.stateSince() == null ? now : rule.stateSince();
        switch (rule.state()) {
            case "firing" -> {
                if (resolves(value, rule)) {
                    events.add(new EventDraft("resolved", "e" + rule.episode()));
                    return new Decision("ok", now, rule.episode(), events);
                }
                return new Decision("firing", since, rule.episode(), events);
            }
            case "pending" -> {
                if (!condition) {
                    return new Decision("ok", now, rule.episode(), events);
                }
                if (!now.isBefore(since.plus(Duration.ofMinutes(rule.forMinutes())))) {
                    return fire(rule, now, events);
                }
                return new Decision("pending", since, rule.episode(), events);
            }
            default -> {
                if (!condition) {
                    return new Decision("ok", rule.stateSince(), rule.episode(), events);
                }
                if (rule.forMinutes() == 0) {
                    return fire(rule, now, events);
                }
                return new Decision("pending", now, rule.episode(), events);
            }
        }
    }

    private static Decision fire(AlertRule rule, Instant now, List<EventDraft> events) {
        int episode = rule.episode() + 1;
        events.add(new EventDraft("fired", "e" + episode));
        return new Decision("firing", now, episode, events);
    }

    /** Whether {@code value} compares true against {@code threshold}. */
    public static boolean holds(BigDecimal value, String comparison, BigDecimal threshold) {
        int c = value.compareTo(threshold);
        return switch (comparison) {
            case "gt" -> c > 0;
            case "gte" -> c >= 0;
            case "lt" -> c < 0;
            case "lte" -> c <= 0;
            default -> throw new IllegalArgumentException("unknown comparison " + comparison);
        };
    }

    /**
     * Whether a firing rule's value is back past its threshold by the hysteresis band: gt/gte below threshold × (1 −
     * h/100), lt/lte above threshold × (1 + h/100).
     */
    public static boolean resolves(BigDecimal value, AlertRule rule) {
        BigDecimal band = rule.threshold().multiply(rule.hysteresisPercent()).divide(HUNDRED);
        return switch (rule.comparison()) {
            case "gt", "gte" -> value.compareTo(rule.threshold().subtract(band)) < 0;
            case "lt", "lte" -> value.compareTo(rule.threshold().add(band)) > 0;
            default -> throw new IllegalArgumentException("unknown comparison " + rule.comparison());
        };
    }
}
