package dev.gatewayreports.reportapi.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 100,000-row section exports within a 256 MiB heap: a child JVM started with {@code -Xmx256m} (and exiting on
 * an OutOfMemoryError) builds the report object and writes it as XLSX and CSV ({@link LargeExportMain}); the test
 * then counts the rows in both files without loading them.
 */
class LargeExportTest {

    private static final int ROWS = 100_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"daily_trend", "slow_requests"})
    void shouldExportAHundredThousandRowSectionWithin256MiB(String section) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-Djava.io.tmpdir=" + dir,
                        "-cp",
                        System.getProperty("java.class.path"),
                        LargeExportMain.class.getName(),
                        section,
                        String.valueOf(ROWS),
                        dir.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "timed out: " + output);
        assertEquals(0, process.exitValue(), output);
        String result = output.lines()
                .filter(line -> line.startsWith("LARGE_EXPORT"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(output));
        System.out.println(result);

        assertEquals(ROWS + 1, xlsxRows(dir.resolve("large.xlsx"), 2), "header and rows in the section's sheet");
        assertEquals(ROWS, csvBlockRows(dir.resolve("large.csv"), section));
        try (ZipFile zip = new ZipFile(dir.resolve("large.xlsx").toFile())) {
            assertEquals(section.equals("daily_trend"), zip.getEntry("xl/charts/chart1.xml") != null);
        }
        try (var files = Files.walk(dir)) {
            List<String> left = files.filter(Files::isRegularFile)
                    .map(file -> dir.relativize(file).toString())
                    .sorted()
                    .toList();
            assertEquals(List.of("large.csv", "large.xlsx"), left, "temporary files deleted");
        }
    }

    /** Counts the {@code <row} elements of a sheet's XML, streaming. */
    private static long xlsxRows(Path xlsx, int sheet) throws IOException {
        try (ZipFile zip = new ZipFile(xlsx.toFile())) {
            ZipEntry entry = zip.getEntry("xl/worksheets/sheet" + sheet + ".xml");
            assertNotNull(entry);
            try (InputStream in = zip.getInputStream(entry)) {
                return count(in, "<row ".getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    private static long count(InputStream in, byte[] pattern) throws IOException {
        long count = 0;
        int matched = 0;
        int b;
        InputStream buffered = new java.io.BufferedInputStream(in, 1 << 16);
        while ((b = buffered.read()) >= 0) {
            matched = b == pattern[matched] ? matched + 1 : (b == pattern[0] ? 1 : 0);
            if (matched == pattern.length) {
                count++;
                matched = 0;
            }
        }
        return count;
    }

    /** The data rows of a CSV block: the lines after its name and header, up to the next empty line. */
    private static long csvBlockRows(Path csv, String block) throws IOException {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(Files.newInputStream(csv), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null && !line.equals(block)) {
                // skip to the block
            }
            reader.readLine();
            long rows = 0;
            while ((line = reader.readLine()) != null && !line.isEmpty()) {
                rows++;
            }
            return rows;
        }
    }
}
