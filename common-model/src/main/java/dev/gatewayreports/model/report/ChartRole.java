package dev.gatewayreports.model.report;

/** What a field is in the chart of its table (the XLSX daily trend's line chart); most fields are in none. */
public enum ChartRole {
    /** Not charted. */
    NONE,
    /** The categories along the bottom axis (the days). */
    CATEGORY,
    /** A line on the left axis, counts ({@code #,##0}). */
    LEFT_AXIS,
    /** A line on the right axis, US dollars. */
    RIGHT_AXIS
}
