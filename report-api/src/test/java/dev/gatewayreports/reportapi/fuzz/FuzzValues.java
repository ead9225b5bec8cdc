package dev.gatewayreports.reportapi.fuzz;

import java.util.List;
import java.util.Random;

/** The malformed values a fuzz request is made of; every pick comes from one seeded {@link Random}. */
final class FuzzValues {
    static final List<String> STRINGS = List.of(
            "",
            " ",
            "a",
            "null",
            "0",
            "-1",
            "true",
            "\u0000",
            "nul\u0000inside",
            "tab\tinside",
            "line\nbreak",
            "bell\u0007",
            "del\u007f",
            "c1\u0085",
            "lone\ud800",
            "\udfffbackwards",
            "pair\ud83d\ude00",
            "rtl\u202eoverride",
            "zero\u200bwidth",
            "\ufeffbom",
            "caf\u00e9",
            "\uffff",
            "%00",
            "%zz",
            "../../etc/passwd",
            "' or '1'='1",
            "'; drop table usage_event; --",
            "${jndi:ldap://x/a}",
            "<script>alert(1)</script>",
            "{\"a\":1}",
            "a,b,,c",
            "x".repeat(65),
            "x".repeat(257),
            "y".repeat(5_000),
            "z".repeat(70_000));

    static final List<String> TIMESTAMPS = List.of(
            "2025-06-10T10:00:00Z",
            "+300000-01-01T00:00:00Z",
            "-5000-01-01T00:00:00Z",
            "+999999999-12-31T23:59:59Z",
            "0000-01-01T00:00:00Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "1970-01-01T00:00:00Z",
            "1883-11-18T12:00:00-04:56:02",
            "2025-02-30T00:00:00Z",
            "2025-13-01T00:00:00Z",
            "2025-01-01T24:00:00Z",
            "2025-01-01T00:00:60Z",
            "2025-01-01",
            "2025-01-01T00:00:00",
            "2025-01-01T00:00Z",
            "2025-01-01t00:00:00z",
            "2025-01-01 00:00:00Z",
            "2025-01-01T00:00:00+25:00",
            "2025-01-01T00:00:00+05:45",
            "2025-01-01T00:00:00.1234567891Z",
            "1735689600",
            "yesterday");

    static final List<String> ZONES = List.of(
            "UTC",
            "America/New_York",
            "Asia/Kolkata",
            "Asia/Kathmandu",
            "America/St_Johns",
            "Pacific/Kiritimati",
            "Etc/GMT+12",
            "Etc/GMT-14",
            "EST5EDT",
            "SystemV/AST4",
            "Mars/Olympus",
            "UTC+5",
            "+05:30",
            "Z",
            "GMT0",
            "america/new_york",
            "Europe/Berlin ",
            "../../zoneinfo");

    /** Raw JSON numbers, including ones no Java number holds. */
    static final List<String> NUMBERS = List.of(
            "0",
            "-1",
            "1",
            "7",
            "1.5",
            "-0.0",
            "366",
            "367",
            "2147483648",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775809",
            "1e309",
            "-1e309",
            "1e-400",
            "1E+999999999",
            "0.0000001",
            "9".repeat(2_000));

    static final List<String> IDS = List.of(
            "rpt_",
            "rpt_0",
            "rpt_" + "f".repeat(32),
            "rpt_" + "0".repeat(65),
            "rpt_XYZ",
            "dlv_" + "a".repeat(32),
            "dlv_",
            "key_" + "b".repeat(32),
            "key_",
            "team_does_not_exist",
            "all",
            "usage",
            "USAGE",
            "..",
            "%2e%2e",
            "%2F",
            "%00",
            "%C0%80",
            "%ED%A0%80",
            "%FF",
            "x".repeat(300));

    private final Random random;

    FuzzValues(Random random) {
        this.random = random;
    }

    Random random() {
        return random;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /** Any malformed query value: a string, timestamp, zone, number or id. */
    String text() {
        return switch (random.nextInt(5)) {
            case 0, 1 -> pick(STRINGS);
            case 2 -> pick(TIMESTAMPS);
            case 3 -> pick(ZONES);
            default -> pick(NUMBERS);
        };
    }

    /** Any JSON value, of any type, raw. */
    String json() {
        return switch (random.nextInt(12)) {
            case 0, 1, 2 -> JsonText.string(pick(STRINGS));
            case 3 -> JsonText.string(pick(TIMESTAMPS));
            case 4 -> JsonText.string(pick(ZONES));
            case 5, 6 -> pick(NUMBERS);
            case 7 -> pick(List.of("true", "false", "null"));
            case 8 -> pick(List.of("[]", "{}", "[null]", "[[]]", "{\"\":null}"));
            case 9 -> JsonText.strings(List.of(pick(STRINGS), pick(STRINGS)));
            case 10 -> "{" + JsonText.string(pick(STRINGS)) + ":" + pick(NUMBERS) + "}";
            default -> JsonText.nested(pick(List.of(2, 100, 999, 1_001, 5_000)), "1");
        };
    }
}
