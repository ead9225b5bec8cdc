package dev.gatewayreports.scheduling.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewayreports.scheduling.delivery.MailView.Figure;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The summary figures a mail shows, each with its previous-period value and change. */
final class Figures {
    private static final String GOOD = "#1a7f37";
    private static final String BAD = "#cf222e";
    private static final String NEUTRAL = "#57606a";

    /** A summary key, its label, how to print it, and whether a rise is good, bad or neither (null). */
    private record Spec(String key, String label, Function<JsonNode, String> format, Boolean riseIsGood) {}

    private static final List<Spec> SPECS = List.of(
            new Spec("total_requests", "Requests", Numbers::count, null),
            new Spec("error_rate", "Error rate", Numbers::percent, false),
            new Spec("total_tokens", "Tokens", Numbers::count, null),
            new Spec("total_cost_usd", "Cost (USD)", Numbers::usd, null),
            new Spec("total_credits_used", "Credits", Numbers::decimal, null),
            new Spec("avg_latency_ms", "Avg latency", Numbers::millis, false),
            new Spec("p95_latency_ms", "p95 latency", Numbers::millis, false));

    private Figures() {}

    static List<Figure> of(JsonNode summary) {
        List<Figure> figures = new ArrayList<>();
        if (summary.isMissingNode() || summary.isNull()) {
            return figures;
        }
        for (Spec spec : SPECS) {
            if (!summary.has(spec.key())) {
                continue;
            }
            JsonNode change = summary.path("change_percent").path(spec.key());
            figures.add(new Figure(
                    spec.label(),
                    spec.format().apply(summary.path(spec.key())),
                    spec.format().apply(summary.path("previous_period").path(spec.key())),
                    Numbers.change(change),
                    color(change, spec.riseIsGood())));
        }
        return figures;
    }

    private static String color(JsonNode change, Boolean riseIsGood) {
        if (!change.isNumber() || change.decimalValue().signum() == 0 || riseIsGood == null) {
            return NEUTRAL;
        }
        boolean rose = change.decimalValue().signum() > 0;
        return rose == riseIsGood ? GOOD : BAD;
    }
}
