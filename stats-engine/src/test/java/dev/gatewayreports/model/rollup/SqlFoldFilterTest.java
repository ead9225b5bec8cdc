package dev.gatewayreports.model.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** {@link SqlFold#filter} is the SQL form of {@link Shape#folds}: both must pick the same events. */
class SqlFoldFilterTest {
    private static EventRow event(boolean error) {
        return new EventRow(
                "t",
                0,
                "p",
                "m",
                error,
                error ? "timeout" : null,
                5,
                "k",
                "standard",
                "0-200k",
                null,
                new long[6],
                null,
                null,
                BigDecimal.ONE,
                false,
                new BigDecimal[7],
                "o");
    }

    @Test
    void shouldSelectInSqlTheEventsEachSketchlessShapeFoldsInJava() {
        for (Shape shape : Shape.values()) {
            if (shape.latency) {
                continue;
            }
            String filter = SqlFold.filter(shape);
            assertTrue(shape.folds.test(event(true)), shape + " folds errors");
            assertEquals(shape.folds.test(event(false)), filter.equals("true"), shape + ": " + filter);
            assertTrue(filter.equals("true") || filter.equals("e.status = 'error'"), filter);
        }
    }
}
