package dev.gatewayreports.model.schedules;

import java.util.Locale;
import java.util.Optional;

/** How often a schedule runs, with what {@code schedule_day} means for it and its default report length. */
public enum Frequency {
    /** Every day; {@code schedule_day} is ignored. */
    DAILY(1),
    /** One weekday, {@code schedule_day} 0–6 with 0 = Sunday. */
    WEEKLY(7),
    /** One day of the month, {@code schedule_day} 1–31; in shorter months the last day. */
    MONTHLY(30);

    private final int defaultDays;

    Frequency(int defaultDays) {
        this.defaultDays = defaultDays;
    }

    /** The report length in days when a schedule names none: 1, 7 or 30. */
    public int defaultDays() {
        return defaultDays;
    }

    /** The smallest valid {@code schedule_day}, or empty when the day is ignored. */
    public Optional<Integer> minDay() {
        return switch (this) {
            case DAILY -> Optional.empty();
            case WEEKLY -> Optional.of(0);
            case MONTHLY -> Optional.of(1);
        };
    }

    /** The largest valid {@code schedule_day}, or empty when the day is ignored. */
    public Optional<Integer> maxDay() {
        return switch (this) {
            case DAILY -> Optional.empty();
            case WEEKLY -> Optional.of(6);
            case MONTHLY -> Optional.of(31);
        };
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The frequency with this wire name, or empty. */
    public static Optional<Frequency> fromWire(String value) {
        for (Frequency frequency : values()) {
            if (frequency.wire().equals(value)) {
                return Optional.of(frequency);
            }
        }
        return Optional.empty();
    }
}
