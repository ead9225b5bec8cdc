package dev.gatewayreports.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** The one Markdown table the benchmark prints: every figure, its baseline, the goal and whether it was met. */
final class ResultsTable {

    private static final List<String> HEADER =
            List.of("phase", "figure", "ours", "naive baseline (same run)", "ratio", "goal", "met", "check / notes");

    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> misses = new ArrayList<>();

    void row(
            String phase,
            String figure,
            String ours,
            String baseline,
            String ratio,
            String goal,
            Boolean met,
            String notes) {
        rows.add(List.of(phase, figure, ours, baseline, ratio, goal, met == null ? "" : met ? "yes" : "**no**", notes));
        if (Boolean.FALSE.equals(met)) {
            misses.add(figure + ": " + ours + " (goal " + goal + ")");
        }
    }

    void fact(String phase, String figure, String value) {
        row(phase, figure, value, "", "", "", null, "");
    }

    List<String> misses() {
        return misses;
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        line(out, HEADER);
        out.append('|').append("---|".repeat(HEADER.size())).append('\n');
        rows.forEach(r -> line(out, r));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(cell.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        out.append('\n');
    }

    static String ms(double v) {
        return v >= 100 ? String.format("%,.0f", v) : String.format("%.1f", v);
    }

    static String ratio(double v) {
        return v >= 10 ? String.format("%,.0f×", v) : String.format("%.2f×", v);
    }
}
