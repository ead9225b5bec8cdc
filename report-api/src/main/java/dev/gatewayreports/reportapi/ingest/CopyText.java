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
        if (rowStarted) {
            out.append('\t');
        }
        rowStarted = true;
        if (value == null) {
            out.append("\\N");
        } else {
            escape(value.toString());
        }
        return this;
    }

    /** A text[] value, as an array literal with every element quoted. */
    CopyText addArray(List<String> values) {
        if (values == null) {
            return add(null);
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
