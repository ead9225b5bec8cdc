package dev.gatewayreports.reportapi.callstats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The granularity rules of the contract, at their boundaries; and percentiles of 0/1 values. */
class CallStatsValidatorTest {
    @Test
    void shouldChooseGranularityAtTheSpanBoundaries() {
        assertEquals(300, CallStatsValidator.granularity(null, Duration.ofHours(2)));
        assertEquals(
                3_600, CallStatsValidator.granularity(null, Duration.ofHours(2).plusSeconds(1)));
        assertEquals(3_600, CallStatsValidator.granularity(null, Duration.ofHours(12)));
        assertEquals(
                21_600,
                CallStatsValidator.granularity(null, Duration.ofHours(12).plusSeconds(1)));
        assertEquals(21_600, CallStatsValidator.granularity(null, Duration.ofDays(3)));
        assertEquals(
                43_200, CallStatsValidator.granularity(null, Duration.ofDays(3).plusSeconds(1)));
        assertEquals(43_200, CallStatsValidator.granularity(null, Duration.ofDays(14)));
        assertEquals(
                86_400, CallStatsValidator.granularity(null, Duration.ofDays(14).plusSeconds(1)));
    }

    @Test
    void shouldRaiseGranularityBeyondTenThousandBuckets() {
        assertEquals(60, CallStatsValidator.granularity(60L, Duration.ofSeconds(600_000))); // exactly 10,000
        assertEquals(61, CallStatsValidator.granularity(60L, Duration.ofSeconds(600_001))); // floor(60.0001) + 1
        assertEquals(260, CallStatsValidator.granularity(60L, Duration.ofDays(30))); // 2,592,000 / 10,000 + 1
        assertEquals(86_400, CallStatsValidator.granularity(null, Duration.ofDays(3_000)));
        assertEquals(86_409, CallStatsValidator.granularity(null, Duration.ofDays(10_001))); // 86,408.64
    }

    @Test
    void shouldTakePercentilesOfZerosAndOnesAsPercentileDisc() {
        assertEquals(0, MetricValues.zeroOnePercentile(3, 4, 75)); // cume_dist(0) = 0.75 reaches 0.75
        assertEquals(1, MetricValues.zeroOnePercentile(3, 4, 76));
        assertEquals(0, MetricValues.zeroOnePercentile(1, 4, 0));
        assertEquals(1, MetricValues.zeroOnePercentile(0, 4, 0));
        assertEquals(1, MetricValues.zeroOnePercentile(3, 4, 100));
    }
}
