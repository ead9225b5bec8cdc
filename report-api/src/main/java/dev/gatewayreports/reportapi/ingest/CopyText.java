package dev.gatewayreports.reportapi.ingest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * Builds rows in PostgreSQL's COPY text format: tab-separated, backslash escapes, {@code \N} for null. The rows are
 * written as UTF-8 bytes straight into one buffer, which goes to the server as it is (no string, no re-encoding).
 */
final class CopyText {
    private byte[] out;
    private int size;
    private boolean rowStarted;

    CopyText(int expectedRows) {
        out = new byte[Math.max(64, expectedRows * 512)];
    }

    CopyText add(Object value) {
        separate();
        if (value == null) {
            ascii("\\N");
        } else {
            escape(value.toString());
        }
        return this;
    }

    /** A string (escaped), or null. */
    CopyText add(String value) {
        separate();
        if (value == null) {
            ascii("\\N");
        } else {
            escape(value);
        }
        return this;
    }

    /** An exact decimal, written in plain notation (nothing in it needs escaping), or null. */
    CopyText add(BigDecimal value) {
        separate();
        if (value == null) {
            ascii("\\N");
        } else if (value.signum() == 0 && value.scale() <= 0) {
            put((byte) '0');
        } else if (value.scale() == 0 && value.precision() < 19) {
            number(value.longValueExact());
        } else {
            ascii(value.toPlainString());
        }
        return this;
    }

    /** A number, written as is (nothing in it needs escaping). */
    CopyText add(long value) {
        separate();
        number(value);
        return this;
    }

    /** An instant as {@code yyyy-mm-dd hh:mm:ss.ffffff+00}, formatted by hand: it is written for every event. */
    CopyText add(Instant value) {
        separate();
        LocalDateTime t = LocalDateTime.ofEpochSecond(value.getEpochSecond(), value.getNano(), ZoneOffset.UTC);
        number(t.getYear());
        put((byte) '-');
        two(t.getMonthValue());
        put((byte) '-');
        two(t.getDayOfMonth());
        put((byte) ' ');
        two(t.getHour());
        put((byte) ':');
        two(t.getMinute());
        put((byte) ':');
        two(t.getSecond());
        put((byte) '.');
        int micros = value.getNano() / 1_000;
        for (int div = 100_000; div > 0; div /= 10) {
            put((byte) ('0' + micros / div % 10));
        }
        ascii("+00");
        return this;
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
        put((byte) '\n');
        rowStarted = false;
    }

    /** The buffer holding the rows; its first {@link #size()} bytes are written. */
    byte[] buffer() {
        return out;
    }

    int size() {
        return size;
    }

    private void two(int value) {
        ensure(2);
        out[size++] = (byte) ('0' + value / 10);
        out[size++] = (byte) ('0' + value % 10);
    }

    private void number(long value) {
        if (value >= 0 && value < 10) {
            put((byte) ('0' + value));
        } else {
            ascii(Long.toString(value));
        }
    }

    private void separate() {
        if (rowStarted) {
            put((byte) '\t');
        }
        rowStarted = true;
    }

    private void put(byte b) {
        ensure(1);
        out[size++] = b;
    }

    /** Text known to be ASCII and to need no escaping. */
    private void ascii(String value) {
        int n = value.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            out[size++] = (byte) value.charAt(i);
        }
    }

    private void escape(String value) {
        int n = value.length();
        ensure(n * 2);
        for (int i = 0; i < n; i++) {
            char ch = value.charAt(i);
            if (ch >= 0x80) {
                escapeNonAscii(value, i);
                return;
            }
            switch (ch) {
                case '\\' -> escaped((byte) '\\');
                case '\t' -> escaped((byte) 't');
                case '\n' -> escaped((byte) 'n');
                case '\r' -> escaped((byte) 'r');
                default -> out[size++] = (byte) ch;
            }
        }
    }

    /** The rest of a value from its first non-ASCII character: encoded, then escaped (UTF-8 has no ASCII inside). */
    private void escapeNonAscii(String value, int from) {
        byte[] bytes = value.substring(from).getBytes(StandardCharsets.UTF_8);
        ensure(bytes.length * 2);
        for (byte b : bytes) {
            switch (b) {
                case '\\' -> escaped((byte) '\\');
                case '\t' -> escaped((byte) 't');
                case '\n' -> escaped((byte) 'n');
                case '\r' -> escaped((byte) 'r');
                default -> out[size++] = b;
            }
        }
    }

    private void escaped(byte b) {
        ensure(2);
        out[size++] = '\\';
        out[size++] = b;
    }

    private void ensure(int more) {
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(size + more, out.length * 2));
        }
    }

    @Override
    public String toString() {
        return new String(out, 0, size, StandardCharsets.UTF_8);
    }
}
