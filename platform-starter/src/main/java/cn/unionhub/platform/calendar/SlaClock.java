package cn.unionhub.platform.calendar;

/** How a deadline's time runs. */
public enum SlaClock {
    /** Only on working days (Beijing days, holidays and 调休 from the business calendar). */
    WORKING_DAYS,
    /** Around the clock, every day: for the green channel, where a worker cannot wait for Monday. */
    NATURAL
}
