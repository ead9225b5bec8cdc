package dev.gatewayreports.scheduling.alerts;

import dev.gatewayreports.model.alerts.AlertEventKind;
import dev.gatewayreports.model.stats.StatsEngine;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Evaluates every due alert rule once a minute, exactly once across any number of replicas: due rules are claimed
 * with a lease and committed, each is measured with the query engine, and its new state, its events and their
 * notifications are written in one transaction guarded by the lease, the state and the episode it was claimed with
 * (docs/alerts-evaluation.md).
 */
public class AlertEvaluator {
    private static final Logger LOG = Logger.getLogger(AlertEvaluator.class);
    private static final Duration STEP = Duration.ofMinutes(1);

    /** How many rules a claim takes, how long its lease lasts, when budgets start forecasting. */
    public record Settings(int batchSize, Duration lease, int forecastAfterDays) {}

    /** What one {@link #evaluateDue} call did. */
    public record Result(int evaluated, int failed, int events) {}

    private final AlertRepository repository;
    private final AlertValues values;
    private final Settings settings;
    private final AlertMetrics metrics;

    public AlertEvaluator(AlertRepository repository, StatsEngine engine, Settings settings, AlertMetrics metrics) {
        this.repository = repository;
        this.values = new AlertValues(engine);
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * Evaluates the rules due at {@code now}, batch by batch, with windows ending at {@code now}. Leases are reckoned
     * from {@code now} plus the time this call has spent, so a long run never hands out a lease already over.
     */
    public Result evaluateDue(Instant now) {
        long started = System.nanoTime();
        int evaluated = 0;
        int failed = 0;
        int events = 0;
        List<AlertRule> claimed;
        do {
            Instant at = now.plusSeconds(
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());
            claimed = repository.claim(now, at.plus(settings.lease()), settings.batchSize());
            for (AlertRule rule : claimed) {
                int written = evaluate(rule, now);
                if (written < 0) {
                    failed++;
                } else {
                    evaluated++;
                    events += written;
                }
            }
        } while (claimed.size() == settings.batchSize());
        return new Result(evaluated, failed, events);
    }

    /** One claimed rule: the events written, 0 when another evaluator had taken it over, −1 when it failed. */
    int evaluate(AlertRule rule, Instant now) {
        Instant next = nextEvalAt(rule.nextEvalAt(), now);
        try {
            ZoneId zone = ZoneId.of(rule.timezone());
            AlertWindow window = AlertWindow.at(rule.window(), now, zone);
            List<String> teams = rule.organizationWide() ? repository.teamsOf(rule.orgId()) : List.of(rule.teamId());
            BigDecimal value = values.measure(rule, window, zone, teams);
            BigDecimal forecast = rule.budget() ? Forecast.of(value, now, zone, settings.forecastAfterDays()) : null;
            AlertStateMachine.Decision decision = AlertStateMachine.decide(rule, value, forecast, now, zone);
            List<AlertEventKind> inserted = repository.apply(
                    rule, new AlertRepository.Evaluation(now, window, value, forecast, decision, next));
            if (inserted == null) {
                LOG.infof("alert %s: taken over by another evaluator, nothing written", rule.alertId());
                return 0;
            }
            metrics.evaluated(inserted);
            if (!inserted.isEmpty()) {
                LOG.infof("alert %s: %s (value %s, threshold %s)", rule.alertId(), inserted, value, rule.threshold());
            }
            return inserted.size();
        } catch (RuntimeException e) {
            metrics.failed();
            LOG.errorf("alert %s could not be evaluated: %s", rule.alertId(), e.toString());
            release(rule, next);
            return -1;
        }
    }

    private void release(AlertRule rule, Instant next) {
        try {
            repository.release(rule, next);
        } catch (RuntimeException e) {
            LOG.warnf("alert %s: could not end its lease, it is due again when the lease ends: %s", rule.alertId(), e);
        }
    }

    /**
     * The rule's next minute: one minute after the slot just evaluated, or, after downtime, the first minute of the
     * slot's grid after {@code now} (missed minutes are not evaluated one by one).
     */
    static Instant nextEvalAt(Instant slot, Instant now) {
        Instant next = slot.plus(STEP);
        if (!next.isAfter(now)) {
            long missed = Duration.between(slot, now).toMillis() / STEP.toMillis();
            next = slot.plus(STEP.multipliedBy(missed + 1));
        }
        return next;
    }
}
