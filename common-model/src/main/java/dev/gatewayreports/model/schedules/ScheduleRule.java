package dev.gatewayreports.model.schedules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * When a schedule runs: a local time on the days its frequency names, in its IANA zone. All calendar arithmetic is
 * {@code java.time}'s; this class only states the product's rules on top of it.
 *
 * <ul>
 *   <li>weekly: {@code day} 0–6, 0 = Sunday;
 *   <li>monthly: {@code day} 1–31, the last day of shorter months;
 *   <li>a local time skipped by a daylight-saving change runs at the first valid instant after it (the transition);
 *   <li>a local time repeated by a daylight-saving change runs once, at its first occurrence.
 * </ul>
 *
 * @param day the schedule day; ignored (may be null) for daily schedules
 */
public record ScheduleRule(Frequency frequency, LocalTime time, Integer day, ZoneId zone) {

    /** Longest gap between two slots (31-day months) plus slack for zone changes. */
    private static final int MAX_SCAN_DAYS = 400;

    public ScheduleRule {
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(zone, "zone");
        if (frequency != Frequency.DAILY) {
            Objects.requireNonNull(day, "day");
            if (day < frequency.minDay().orElseThrow()
                    || day > frequency.maxDay().orElseThrow()) {
                throw new IllegalArgumentException("schedule day " + day + " is out of range for " + frequency);
            }
        }
    }

    /** The first slot strictly after {@code after}. After downtime this is one slot, however many were missed. */
    public Instant nextAfter(Instant after) {
        return firstSlot(after.atZone(zone).toLocalDate().minusDays(1), 1, slot -> slot.isAfter(after));
    }

    /**
     * The last slot at or before {@code at}: after downtime, the slot whose report a user expects (the newest
     * period), rather than the first one missed.
     */
    public Instant latestAtOrBefore(Instant at) {
        return firstSlot(at.atZone(zone).toLocalDate().plusDays(1), -1, slot -> !slot.isAfter(at));
    }

    /** Walks the local dates from {@code from} by {@code step} days to the first slot that {@code wanted} accepts. */
    private Instant firstSlot(LocalDate from, int step, Predicate<Instant> wanted) {
        LocalDate date = from;
        for (int i = 0; i < MAX_SCAN_DAYS; i++, date = date.plusDays(step)) {
            if (runsOn(date)) {
                Instant slot = slotOn(date);
                if (wanted.test(slot)) {
                    return slot;
                }
            }
        }
        throw new IllegalStateException("no slot within " + MAX_SCAN_DAYS + " days for " + this);
    }

    /** True when the schedule runs on this local date. */
    public boolean runsOn(LocalDate date) {
        return switch (frequency) {
            case DAILY -> true;
            case WEEKLY -> sundayBased(date.getDayOfWeek()) == day;
            case MONTHLY -> date.getDayOfMonth() == Math.min(day, date.lengthOfMonth());
        };
    }

    /** The instant of the slot on a local date: the local time, or the DST transition when that time is skipped. */
    public Instant slotOn(LocalDate date) {
        LocalDateTime local = date.atTime(time);
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        // In an overlap, ofLocal with no preferred offset takes the earlier offset: the first occurrence.
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    private static int sundayBased(DayOfWeek dayOfWeek) {
        return dayOfWeek.getValue() % 7;
    }
}
