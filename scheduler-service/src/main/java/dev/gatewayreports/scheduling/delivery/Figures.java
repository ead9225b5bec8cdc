package dev.gatewayreports.scheduling.delivery;

import dev.gatewayreports.model.report.ChangePercent;
import dev.gatewayreports.model.report.PreviousPeriod;
import dev.gatewayreports.model.report.Summary;
import dev.gatewayreports.scheduling.delivery.MailView.Figure;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The summary figures a mail shows, each with its previous-period value and change. */
final class Figures {
    private static final String GOOD = "#1a7f37";
    private static final String BAD = "#cf222e";
    private static final String NEUTRAL = "#57606a";

    /**
     * A figure: its label, its value now and in the previous period as printed, its change, and whether a rise is
     * good, bad or neither (null).
     */
    private record Spec(
            String label,
            Function<Summary, String> now,
            Function<PreviousPeriod, String> before,
            Function<ChangePercent, BigDecimal> change,
            Boolean riseIsGood) {}

    private static final List<Spec> SPECS = List.of(
            new Spec(
                    "Requests",
                    s -> Numbers.count(s.totalRequests()),
                    p -> Numbers.count(p.totalRequests()),
                    ChangePercent::totalRequests,
                    null),
            new Spec(
                    "Error rate",
                    s -> Numbers.percent(s.errorRate()),
                    p -> Numbers.percent(p.errorRate()),
                    ChangePercent::errorRate,
                    false),
            new Spec(
                    "Tokens",
                    s -> Numbers.count(s.totalTokens()),
                    p -> Numbers.count(p.totalTokens()),
                    ChangePercent::totalTokens,
                    null),
            new Spec(
                    "Cost (USD)",
                    s -> Numbers.usd(s.totalCostUsd()),
                    p -> Numbers.usd(p.totalCostUsd()),
                    ChangePercent::totalCostUsd,
                    null),
            new Spec(
                    "Credits",
                    s -> Numbers.decimal(s.totalCreditsUsed()),
                    p -> Numbers.decimal(p.totalCreditsUsed()),
                    ChangePercent::totalCreditsUsed,
                    null),
            new Spec(
                    "Avg latency",
                    s -> Numbers.millis(s.avgLatencyMs()),
                    p -> Numbers.millis(p.avgLatencyMs()),
                    ChangePercent::avgLatencyMs,
                    false),
            new Spec(
                    "p95 latency",
                    s -> Numbers.millis(s.p95LatencyMs()),
                    p -> Numbers.millis(p.p95LatencyMs()),
                    ChangePercent::p95LatencyMs,
                    false));

    private Figures() {}

    /** The figures of a summary; none without one. */
    static List<Figure> of(Summary summary) {
        List<Figure> figures = new ArrayList<>();
        if (summary == null) {
            return figures;
        }
        for (Spec spec : SPECS) {
            BigDecimal change =
                    summary.changePercent() == null ? null : spec.change().apply(summary.changePercent());
            figures.add(new Figure(
                    spec.label(),
                    spec.now().apply(summary),
                    summary.previousPeriod() == null
                            ? Numbers.NONE
                            : spec.before().apply(summary.previousPeriod()),
                    Numbers.change(change),
                    color(change, spec.riseIsGood())));
        }
        return figures;
    }

    private static String color(BigDecimal change, Boolean riseIsGood) {
        if (change == null || change.signum() == 0 || riseIsGood == null) {
            return NEUTRAL;
        }
        boolean rose = change.signum() > 0;
        return rose == riseIsGood ? GOOD : BAD;
    }
}
