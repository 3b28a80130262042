package cn.unionhub.platform.clock;

import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /internal/clock} of a service started with {@code unionhub.clock.adjustable=true}: an
 * administrator reads and sets how far ahead of real time its clock runs. Not routed by the gateway;
 * absent unless switched on.
 */
@RestController
public class RehearsalClockController {

    /** @param offset an ISO-8601 duration ahead of real time, e.g. {@code P30D}; {@code PT0S} for real time */
    public record Setting(String offset) {
    }

    public record Reading(Instant now, String offset) {
    }

    private final RehearsalClock clock;

    public RehearsalClockController(RehearsalClock clock) {
        this.clock = clock;
    }

    @GetMapping("/internal/clock")
    public Reading read() {
        return new Reading(clock.instant(), clock.offset().toString());
    }

    @PutMapping("/internal/clock")
    public Reading set(@RequestBody Setting setting) {
        try {
            clock.setOffset(Duration.parse(setting.offset() == null ? "" : setting.offset()));
        } catch (DateTimeParseException | IllegalArgumentException bad) {
            throw new RuleViolationException("invalid-clock-offset", List.of(new FieldViolation("offset", "clock-offset")));
        }
        return read();
    }
}
