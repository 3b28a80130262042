package cn.unionhub.alert.risk.domain;

import java.time.Duration;

/**
 * One time window of the score: a signal's weight halves every {@code halfLife}, and the window
 * counts with {@code factor}. A short and a long window together make recent bursts stand out
 * while a steady trickle still adds up.
 */
public record DecayWindow(String name, Duration halfLife, double factor) {

    /** The window's share of a signal that is {@code ageMillis} old (1 × factor when fresh). */
    public double weightAt(double ageMillis) {
        return factor * Math.pow(2, -Math.max(0, ageMillis) / halfLife.toMillis());
    }
}
