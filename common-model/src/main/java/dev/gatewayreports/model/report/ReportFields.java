package dev.gatewayreports.model.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fields of one report record, declared once beside its components ({@code FIELDS} of each record), in the one
 * order every writer uses (JSON, CSV, XLSX): component order, then {@link Focus} for the report type when the
 * record has a focus. No reflection: each field reads its component through its accessor.
 *
 * @param <R> the record
 */
public final class ReportFields<R> {

    private final List<ReportField<? super R>> all;
    private final int nameColumns;
    private final boolean omitNulls;
    private final Map<List<Focus>, List<ReportField<? super R>>> ordered = new ConcurrentHashMap<>();

    private ReportFields(List<ReportField<? super R>> all, int nameColumns, boolean omitNulls) {
        this.all = List.copyOf(all);
        this.nameColumns = nameColumns;
        this.omitNulls = omitNulls;
    }

    /** Fields a report type reorders: its focus figures move right after the {@code nameColumns} leading ones. */
    @SafeVarargs
    public static <R> ReportFields<R> focused(int nameColumns, List<? extends ReportField<? super R>>... parts) {
        return new ReportFields<>(join(parts), nameColumns, false);
    }

    /** Fields in component order whatever the report type. */
    @SafeVarargs
    public static <R> ReportFields<R> fixed(ReportField<? super R>... fields) {
        return new ReportFields<R>(Arrays.asList(fields), -1, false);
    }

    /** Fields in component order, a null one left out of the JSON (the sections not asked for). */
    @SafeVarargs
    public static <R> ReportFields<R> omittingNulls(ReportField<? super R>... fields) {
        return new ReportFields<R>(Arrays.asList(fields), -1, true);
    }

    /** Every field, in component order. */
    public List<ReportField<? super R>> all() {
        return all;
    }

    /** The fields in a report type's order (null: no type's focus). */
    public List<ReportField<? super R>> in(String reportType) {
        if (nameColumns < 0) {
            return all;
        }
        return ordered.computeIfAbsent(
                Focus.of(reportType), focus -> Focus.order(all, ReportField::focus, nameColumns, reportType));
    }

    /** Whether a null field is left out of the JSON. */
    public boolean omitsNulls() {
        return omitNulls;
    }

    /** The fields of a report record. */
    @SuppressWarnings("unchecked")
    public static <R extends ReportPart> ReportFields<R> of(R part) {
        return (ReportFields<R>) forPart(part);
    }

    private static ReportFields<?> forPart(ReportPart part) {
        return switch (part) {
            case Report r -> Report.FIELDS;
            case Sections r -> Sections.FIELDS;
            case ReportData r -> ReportData.FIELDS;
            case Summary r -> Summary.FIELDS;
            case PreviousPeriod r -> PreviousPeriod.FIELDS;
            case ChangePercent r -> ChangePercent.FIELDS;
            case DailyTrendRow r -> DailyTrendRow.FIELDS;
            case HourlyTrendRow r -> HourlyTrendRow.FIELDS;
            case ProviderRow r -> ProviderRow.FIELDS;
            case ModelRow r -> ModelRow.FIELDS;
            case ApiKeyRow r -> ApiKeyRow.FIELDS;
            case Performance r -> Performance.FIELDS;
            case Latency r -> Latency.FIELDS;
            case ModelLatencyRow r -> ModelLatencyRow.FIELDS;
            case SlowRequest r -> SlowRequest.FIELDS;
            case ErrorDetails r -> ErrorDetails.FIELDS;
            case ErrorTypeRow r -> ErrorTypeRow.FIELDS;
            case ModelErrorRow r -> ModelErrorRow.FIELDS;
            case RecentError r -> RecentError.FIELDS;
        };
    }

    @SafeVarargs
    private static <R> List<ReportField<? super R>> join(List<? extends ReportField<? super R>>... parts) {
        List<ReportField<? super R>> all = new ArrayList<>();
        for (List<? extends ReportField<? super R>> part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
