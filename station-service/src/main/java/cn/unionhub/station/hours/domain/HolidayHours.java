package cn.unionhub.station.hours.domain;

/**
 * What a station does on a statutory day off that would otherwise be a working day (春节, 国庆…):
 * keep its usual hours for that weekday, close, or open the hours given for public holidays.
 */
public enum HolidayHours {
    AS_USUAL,
    CLOSED,
    SPECIAL
}
