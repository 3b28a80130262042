package cn.unionhub.alert.risk.domain;

import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.platform.identity.ChineseIdentifiers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a signal from another system must satisfy before it counts; the ingestion API and the
 * {@code alert.signals} topic apply the same rules, so a signal is refused the same way by both.
 */
public final class ExternalSignals {

    /** How far ahead of our clock a reported time may be (clock skew between systems). */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
    public static final double MAX_MAGNITUDE = 1_000_000;
    private static final Pattern DISTRICT = Pattern.compile("[0-9]{6}");

    /** A reported signal as it arrives, before validation. */
    public record Report(String enterprise, String enterpriseName, String district, String industry, String kind,
            Double magnitude, Instant occurredAt, String source, String reference, Long amountFen) {
    }

    private static final java.util.regex.Pattern INDUSTRY = java.util.regex.Pattern.compile("[A-T]");

    private final RiskModel model;
    private final Duration maxAge;

    /** @param maxAge how old a reported signal may be; older ones no longer matter to the score */
    public ExternalSignals(RiskModel model, Duration maxAge) {
        this.model = model;
        this.maxAge = maxAge;
    }

    /** Every rule the report breaks, fields prefixed with {@code prefix} (e.g. {@code signals[3].}). */
    public List<FieldViolation> violations(Report r, String prefix, Instant now) {
        List<FieldViolation> v = new ArrayList<>();
        if (r.enterprise() == null || r.enterprise().isBlank()) {
            v.add(new FieldViolation(prefix + "enterprise", "required"));
        } else if (!ChineseIdentifiers.isValidUscc(r.enterprise())) {
            v.add(new FieldViolation(prefix + "enterprise", "uscc"));
        }
        if (r.kind() == null || r.kind().isBlank()) {
            v.add(new FieldViolation(prefix + "kind", "required"));
        } else if (!model.knows(r.kind())) {
            v.add(new FieldViolation(prefix + "kind", "unknown-kind", r.kind()));
        } else if (!model.kind(r.kind()).external()) {
            // Listed by /signal-kinds, but counted from the platform's own events (an escalated case): not filed by hand.
            v.add(new FieldViolation(prefix + "kind", "internal-kind", r.kind()));
        }
        if (r.magnitude() == null) {
            v.add(new FieldViolation(prefix + "magnitude", "required"));
        } else if (!(r.magnitude() > 0) || r.magnitude() > MAX_MAGNITUDE) {
            v.add(new FieldViolation(prefix + "magnitude", "out-of-range", 0, (long) MAX_MAGNITUDE));
        }
        if (r.occurredAt() == null) {
            v.add(new FieldViolation(prefix + "occurredAt", "required"));
        } else if (r.occurredAt().isAfter(now.plus(FUTURE_TOLERANCE))) {
            v.add(new FieldViolation(prefix + "occurredAt", "in-future"));
        } else if (r.occurredAt().isBefore(now.minus(maxAge))) {
            v.add(new FieldViolation(prefix + "occurredAt", "too-old", maxAge.toDays()));
        }
        if (r.source() == null || r.source().isBlank()) {
            v.add(new FieldViolation(prefix + "source", "required"));
        } else if (r.source().length() > 64) {
            v.add(new FieldViolation(prefix + "source", "too-long", 64));
        } else if (PLATFORM_SOURCES.contains(comparable(r.source()))) {
            // The platform's own sources are its events': a report under their name would pass for a worker's complaint —
            // also written in full-width letters or with an invisible character, which displayed as the real one
            // (exploratory test, 2026-12-05).
            v.add(new FieldViolation(prefix + "source", "platform-source", r.source().strip()));
        }
        if (r.reference() != null && r.reference().length() > 120) {
            v.add(new FieldViolation(prefix + "reference", "too-long", 120));
        }
        if (r.district() != null && !DISTRICT.matcher(r.district()).matches()) {
            v.add(new FieldViolation(prefix + "district", "invalid"));
        } else if (r.district() != null && r.enterprise() != null && ChineseIdentifiers.isValidUscc(r.enterprise())) {
            // An enterprise registered in one city is not another city's: "999999" hid a warning from every union, and
            // 镇海 received 思明's (exploratory test, 2026-12-05). Within its city it may have moved district.
            // A province's registration (330000) is any of its districts', the national one (100000) anyone's.
            cn.unionhub.security.Divisions.ofCreditCode(r.enterprise())
                    .filter(home -> !home.equals("100000"))
                    .filter(home -> !home.regionMatches(0, r.district(), 0, home.endsWith("0000") ? 2 : 4))
                    .ifPresent(home -> v.add(new FieldViolation(prefix + "district", "not-the-enterprises-city", home)));
        }
        if (r.industry() != null && !INDUSTRY.matcher(r.industry()).matches()) {
            // A GB/T 4754 section letter: the daily report counts by it ("<script>" and "=1+1" became its rows).
            v.add(new FieldViolation(prefix + "industry", "industry-section"));
        }
        if (r.enterpriseName() != null && r.enterpriseName().length() > 200) {
            v.add(new FieldViolation(prefix + "enterpriseName", "too-long", 200));
        }
        if (r.amountFen() != null && (r.amountFen() < 0 || r.amountFen() > Signal.MAX_AMOUNT_FEN)) {
            v.add(new FieldViolation(prefix + "amountFen", "out-of-range", 0, Signal.MAX_AMOUNT_FEN));
        }
        return v;
    }

    /**
     * The signal of a valid report. Its id derives from what identifies it at the source, so a
     * system that sends the same report twice (a retry, the API and the topic) counts once.
     */
    public static Signal toSignal(Report r) {
        String identity = String.join("|", r.source(), r.kind(), r.enterprise(), r.occurredAt().toString(),
                r.reference() == null ? "" : r.reference());
        String id = "ext-" + UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8));
        return new Signal(id, r.enterprise(), r.enterpriseName(), r.district(), r.industry(), r.kind(), r.magnitude(),
                r.occurredAt(), r.source(), r.reference(), null, r.amountFen() == null ? 0 : r.amountFen());
    }

    /** The platform's services: no other system reports under their names. */
    private static final java.util.Set<String> PLATFORM_SOURCES = java.util.Set.of(EventSignals.SOURCE_FEEDBACK, EventSignals.SOURCE_CASES,
            "alert-service", "member-card-service", "station-service", "contest-service", "gateway", "identity-server");

    /** A source as it reads: full-width letters folded (NFKC), invisible characters and case ignored. */
    private static String comparable(String source) {
        String folded = java.text.Normalizer.normalize(source, java.text.Normalizer.Form.NFKC);
        StringBuilder shown = new StringBuilder();
        folded.codePoints().filter(c -> Character.getType(c) != Character.FORMAT && !Character.isWhitespace(c))
                .forEach(shown::appendCodePoint);
        return shown.toString().toLowerCase(java.util.Locale.ROOT);
    }
}
