/**
 * The report object (docs/report-object.md) as a tree of records: {@link dev.gatewayreports.model.report.Report}
 * at the root. report-api builds it once and writes it as JSON, CSV and XLSX; scheduler-service reads report-api's
 * answer into it and renders its mail from it. Each record's JSON keys are its {@code @JsonProperty} names, in
 * record component order; a report type then moves its focus fields right after a row's name columns ({@link
 * dev.gatewayreports.model.report.Focus}). {@link dev.gatewayreports.model.report.ReportFields} gives that order
 * to every writer, so JSON keys, CSV columns and XLSX columns never disagree.
 */
package dev.gatewayreports.model.report;
