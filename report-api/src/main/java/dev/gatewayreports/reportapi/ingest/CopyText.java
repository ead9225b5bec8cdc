package dev.gatewayreports.reportapi.ingest;

import java.util.List;

/** Builds rows in PostgreSQL's COPY text format: tab-separated, backslash escapes, {@code \N} for null. */
final class CopyText {
    private final StringBuilder out;
    private boolean rowStarted;

    CopyText(int expectedRows) {
        out = new StringBuilder(expectedRows * 512);
    }

    CopyText add(Object value) {
        separate();
        if (value == null) {
            out.append("\\N");
        } else {
            escape(value.toString());
        }
        return this;
    }

    /** A number, written as is (nothing in it needs escaping). */
    CopyText add(long value) {
        separate();
        out.append(value);
        return this;
    }

    /** An instant as {@code yyyy-mm-dd hh:mm:ss.ffffff+00}, formatted by hand: it is written for every event. */
    CopyText add(java.time.Instant value) {
        separate();
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(
                value.getEpochSecond(), value.getNano(), java.time.ZoneOffset.UTC);
        out.append(t.getYear()).append('-');
        two(t.getMonthValue()).append('-');
        two(t.getDayOfMonth()).append(' ');
        two(t.getHour()).append(':');
        two(t.getMinute()).append(':');
        two(t.getSecond()).append('.');
        String micros = Integer.toString(value.getNano() / 1_000 + 1_000_000);
        out.append(micros, 1, 7).append("+00");
        return this;
    }

    private StringBuilder two(int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private void separate() {
        if (rowStarted) {
            out.append('\t');
        }
        rowStarted = true;
    }

    /** A text[] value, as an array literal with every element quoted. */
    CopyText addArray(List<String> values) {
        if (values == null) {
            return add((Object) null);
        }
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"')
                    .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return add(literal.append('}').toString());
    }

    void endRow() {
        out.append('\n');
        rowStarted = false;
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
