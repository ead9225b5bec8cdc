package dev.gatewayreports.scheduling.alerts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the scheduler evaluates alert rules (docs/alerts-evaluation.md). */
@ConfigMapping(prefix = "reports.alerts")
public interface AlertConfig {
    /**
     * How often the evaluation tick runs ({@code 60s}); {@code off} disables it (tests call
     * {@link AlertEvaluator#evaluateDue}). A rule is due once a minute whatever this is: a faster tick only
     * evaluates sooner after its minute has come.
     */
    @WithDefault("60s")
    String every();

    /** How many due rules one claim takes (one transaction); the tick claims again while batches come back full. */
    @WithDefault("50")
    int batchSize();

    /** How long a claimed rule is this evaluator's; after that another replica may evaluate it. */
    @WithDefault("PT2M")
    Duration lease();

    /**
     * A budget's month-end forecast is computed only once this many local days of the month have passed (a
     * forecast from the first minutes of a month extrapolates noise); 0 forecasts from the first evaluation.
     */
    @WithDefault("1")
    int forecastAfterDays();

    /** Windows shorter than this are read from raw events by the query engine ({@code reports.stats.raw-below}). */
    @WithDefault("PT3H")
    Duration rawBelow();
}
