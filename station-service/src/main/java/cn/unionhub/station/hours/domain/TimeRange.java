package cn.unionhub.station.hours.domain;

import java.time.LocalTime;

/**
 * Opening from {@code from} to {@code to} on a day. A range whose end is not after its start runs
 * past midnight into the next day ({@code 22:00-06:00}); {@code 00:00-24:00} is the whole day, written
 * with {@code to} = midnight.
 */
public record TimeRange(LocalTime from, LocalTime to) {

    public TimeRange {
        if (from == null || to == null) {
            throw new IllegalArgumentException("a time range needs a start and an end");
        }
    }

    public static final TimeRange WHOLE_DAY = new TimeRange(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    public boolean overnight() {
        return !to.isAfter(from);
    }

    /** Whether {@code time} on the range's own day is inside it. */
    boolean containsSameDay(LocalTime time) {
        return overnight() ? !time.isBefore(from) : !time.isBefore(from) && time.isBefore(to);
    }

    /** Whether {@code time} on the next day is inside the part that ran past midnight. */
    boolean containsNextDay(LocalTime time) {
        return overnight() && !this.equals(WHOLE_DAY) && time.isBefore(to);
    }
}
