package dev.gatewayreports.aggregation.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.model.stats.Figures;
import dev.gatewayreports.model.stats.Measure;
import java.math.BigDecimal;
import java.util.Set;

/** Exact comparison of the figures a query asked for. */
final class FigureCheck {
    private FigureCheck() {}

    static void assertSameFigures(Set<Measure> measures, Figures expected, Figures actual, String what) {
        if (measures.contains(Measure.ERRORS)) {
            assertEquals(expected.errors(), actual.errors(), what + " errors");
        }
        if (measures.contains(Measure.REQUESTS)) {
            assertEquals(expected.requests(), actual.requests(), what + " requests");
        }
        if (measures.contains(Measure.TOKENS)) {
            assertEquals(expected.inputTokens(), actual.inputTokens(), what + " input");
            assertEquals(expected.cacheReadInputTokens(), actual.cacheReadInputTokens(), what + " cache read");
            assertEquals(expected.cacheCreation5mInputTokens(), actual.cacheCreation5mInputTokens(), what);
            assertEquals(expected.outputTokens(), actual.outputTokens(), what + " output");
            assertEquals(expected.webSearchRequests(), actual.webSearchRequests(), what + " web search");
            assertMoney(expected.codeExecutionHours(), actual.codeExecutionHours(), what + " code execution hours");
        }
        if (measures.contains(Measure.CREDITS)) {
            assertMoney(expected.credits(), actual.credits(), what + " credits");
        }
        if (measures.contains(Measure.COST)) {
            assertMoney(expected.costUsd(), actual.costUsd(), what + " cost");
        }
        if (measures.contains(Measure.COST_PARTS)) {
            for (int i = 0; i < Figures.COST_PARTS; i++) {
                assertMoney(expected.costPart(i), actual.costPart(i), what + " cost part " + i);
            }
        }
        if (measures.contains(Measure.LATENCY)) {
            assertEquals(expected.latencySum(), actual.latencySum(), what + " latency sum");
            assertEquals(expected.latencyMin(), actual.latencyMin(), what + " latency min");
            assertEquals(expected.latencyMax(), actual.latencyMax(), what + " latency max");
            for (double p : new double[] {50, 95, 99}) {
                double e = expected.latencyPercentile(p);
                double a = actual.latencyPercentile(p);
                assertTrue(Math.abs(e - a) <= 0.021 * Math.max(e, a), what + " p" + p + ": " + a + " vs " + e);
            }
        }
    }

    static void assertMoney(BigDecimal expected, BigDecimal actual, String what) {
        assertEquals(0, expected.compareTo(actual), what + ": " + actual + " vs " + expected);
    }
}
