package dev.gatewayreports.reportapi.export;

/**
 * One column of a {@link ReportTable}.
 *
 * @param key the machine name (the CSV header)
 * @param label the human name (the XLSX header)
 * @param type how its values are presented
 * @param sourceKey the key of the report row the value is read from (the {@code utc_offset} column reads {@code hour})
 * @param csvOnly a column for programs (the summary's field keys), left out of the XLSX that people read
 */
public record Column(String key, String label, ColumnType type, String sourceKey, boolean csvOnly) {

    /** A column shown in both exports. */
    public Column(String key, String label, ColumnType type, String sourceKey) {
        this(key, label, type, sourceKey, false);
    }

    /** A column read from the row key of the same name. */
    public static Column of(String key) {
        return new Column(key, Labels.of(key), ColumnType.forKey(key), key);
    }
}
