package dev.gatewayreports.model.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketsTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static List<Long> lengthsInHours(long[] b) {
        List<Long> hours = new ArrayList<>();
        for (int i = 0; i + 1 < b.length; i++) {
            hours.add((b[i + 1] - b[i]) / 3600);
        }
        return hours;
    }

    @Test
    void shouldCutADstWeekIntoLocalDaysOf23And25Hours() {
        // 2024-03-10 (spring forward) and 2024-11-03 (fall back) in New York.
        long[] spring = Buckets.boundaries(
                Instant.parse("2024-03-09T05:00:00Z"),
                Instant.parse("2024-03-12T04:00:00Z"),
                NEW_YORK,
                BucketSpec.DAY,
                100);
        assertEquals(List.of(24L, 23L, 24L), lengthsInHours(spring));
        long[] fall = Buckets.boundaries(
                Instant.parse("2024-11-02T04:00:00Z"),
                Instant.parse("2024-11-05T05:00:00Z"),
                NEW_YORK,
                BucketSpec.seconds(86_400),
                100);
        assertEquals(List.of(24L, 25L, 24L), lengthsInHours(fall));
    }

    @Test
    void shouldStartLocalDaysAtHalfAndQuarterHourOffsets() {
        long[] kolkata = Buckets.boundaries(
                Instant.parse("2024-06-01T18:30:00Z"),
                Instant.parse("2024-06-02T18:30:00Z"),
                ZoneId.of("Asia/Kolkata"),
                BucketSpec.DAY,
                10);
        assertEquals(Instant.parse("2024-06-01T18:30:00Z").getEpochSecond(), kolkata[0]);
        assertEquals(2, kolkata.length);
        long[] kathmandu = Buckets.boundaries(
                Instant.parse("2024-06-01T20:00:00Z"),
                Instant.parse("2024-06-02T20:00:00Z"),
                ZoneId.of("Asia/Kathmandu"),
                BucketSpec.DAY,
                10);
        assertEquals(Instant.parse("2024-06-01T18:15:00Z").getEpochSecond(), kathmandu[0]);
    }

    @Test
    void shouldKeepBothLocalOneOClocksOfAFallBackNight() {
        long[] hours = Buckets.boundaries(
                Instant.parse("2024-11-03T04:00:00Z"),
                Instant.parse("2024-11-04T05:00:00Z"),
                NEW_YORK,
                BucketSpec.seconds(3_600),
                100);
        assertEquals(25, hours.length - 1);
        lengthsInHours(hours).forEach(h -> assertEquals(1L, h));
    }

    @Test
    void shouldRefuseTooManyBuckets() {
        assertThrows(
                QueryTooLargeException.class,
                () -> Buckets.boundaries(
                        Instant.parse("2020-01-01T00:00:00Z"),
                        Instant.parse("2024-01-01T00:00:00Z"),
                        ZoneId.of("UTC"),
                        BucketSpec.seconds(60),
                        10_000));
    }

    @Test
    void shouldCoverAKolkataDayWithHoursAndQuarterHourEdges() {
        long start = Instant.parse("2024-06-01T18:30:00Z").getEpochSecond();
        long end = Instant.parse("2024-06-02T18:30:00Z").getEpochSecond();
        List<Coverage.Piece> pieces =
                Coverage.pieces(new long[] {start, end}, start, end, new int[] {86_400, 3_600, 900});
        long covered = pieces.stream().mapToLong(p -> p.to() - p.from()).sum();
        assertEquals(end - start, covered);
        long h = 3_600;
        assertEquals(
                List.of(
                        new Coverage.Piece(900, start, start + h / 2),
                        new Coverage.Piece(3_600, start + h / 2, end - h / 2),
                        new Coverage.Piece(900, end - h / 2, end)),
                pieces);
        assertEquals(0, pieces.stream().filter(p -> p.grain() == 0).count());
    }
}
