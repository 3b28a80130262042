package cn.unionhub.feedback.submission.domain;

import cn.unionhub.feedback.category.domain.FeedbackCategory;
import cn.unionhub.platform.domain.Choices;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.platform.identity.ChineseIdentifiers;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a {@link RawSubmission} against the category definitions (data, not code) and reports
 * every problem at once. Nothing is saved unless all of it is right.
 *
 * @param categories               definition per category
 * @param requiredReviewDimensions dimensions every review must rate
 * @param maxTextLength            longest text accepted, in characters
 */
public record SubmissionRules(Map<FeedbackCategory, CategoryDefinition> categories,
        Set<RatingDimension> requiredReviewDimensions, int maxTextLength) {

    public static final String INVALID = "invalid-submission";

    public SubmissionRules {
        categories = Map.copyOf(categories);
        requiredReviewDimensions = Set.copyOf(requiredReviewDimensions);
    }

    /** The earliest month a form may name (wages owed since…): anything before is a typing slip. */
    static final YearMonth EARLIEST_MONTH = YearMonth.of(1980, 1);

    /** As {@link #check(RawSubmission, boolean, YearMonth)} in the present Beijing month. */
    public ValidSubmission check(RawSubmission raw, boolean recordedByStaff) {
        return check(raw, recordedByStaff, YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")));
    }

    /**
     * @param recordedByStaff whether union staff record it on a worker's behalf (hotline, on-site talk…)
     * @param thisMonth       the present month (Beijing): a month a form names (wages owed since…) is not after it
     */
    public ValidSubmission check(RawSubmission raw, boolean recordedByStaff, YearMonth thisMonth) {
        List<FieldViolation> violations = new ArrayList<>();
        FeedbackType type = enumValue(FeedbackType.class, "type", raw.type(), violations);
        FeedbackCategory category = enumValue(FeedbackCategory.class, "category", raw.category(), violations);
        Channel channel = enumValue(Channel.class, "channel", raw.channel(), violations);
        WorkerGroup group = raw.workerGroup() == null ? WorkerGroup.REGULAR
                : enumValue(WorkerGroup.class, "workerGroup", raw.workerGroup(), violations);

        if (channel != null && channel.isSelfService() == recordedByStaff) {
            violations.add(new FieldViolation("channel", recordedByStaff ? "channel-self-service" : "channel-staff-only"));
        }
        if (raw.enterprise() == null || raw.enterprise().isBlank()) {
            violations.add(new FieldViolation("enterprise", "required"));
        } else if (!ChineseIdentifiers.isValidUscc(raw.enterprise().trim().toUpperCase(Locale.ROOT))) {
            violations.add(new FieldViolation("enterprise", "uscc"));
        }
        String text = raw.text() == null ? "" : raw.text().strip();
        if (text.isEmpty()) {
            violations.add(new FieldViolation("text", "required"));
        } else if (text.codePointCount(0, text.length()) > maxTextLength) {
            violations.add(new FieldViolation("text", "too-long", maxTextLength));
        }

        Map<RatingDimension, Integer> ratings = ratings(type, raw.ratings(), violations);
        Map<String, Object> details = category == null ? Map.of()
                : details(categories.get(category), raw.details(), thisMonth, violations);

        boolean anonymous = Boolean.TRUE.equals(raw.anonymous());
        if (anonymous && (raw.contactName() != null || raw.contactPhone() != null)) {
            violations.add(new FieldViolation("anonymous", "anonymous-with-contact"));
        }
        if (!anonymous && recordedByStaff && (raw.contactName() == null || raw.contactName().isBlank())) {
            violations.add(new FieldViolation("contactName", "required"));
        }
        if (raw.contactName() != null && raw.contactName().length() > 50) {
            violations.add(new FieldViolation("contactName", "too-long", 50));
        }
        if (raw.contactPhone() != null && !ChineseIdentifiers.isValidMobile(raw.contactPhone())) {
            violations.add(new FieldViolation("contactPhone", "mobile"));
        }

        if (!violations.isEmpty()) {
            throw new RuleViolationException(INVALID, violations);
        }
        return new ValidSubmission(type, category, channel, group, raw.enterprise().trim().toUpperCase(Locale.ROOT), text,
                ratings, details, anonymous, anonymous ? null : blankToNull(raw.contactName()), anonymous ? null : raw.contactPhone());
    }

    private Map<RatingDimension, Integer> ratings(FeedbackType type, Map<String, Integer> given, List<FieldViolation> violations) {
        Map<String, Integer> raw = given == null ? Map.of() : given;
        Map<RatingDimension, Integer> ratings = new EnumMap<>(RatingDimension.class);
        if (type != null && type != FeedbackType.REVIEW) {
            if (!raw.isEmpty()) {
                violations.add(new FieldViolation("ratings", "only-for-reviews"));
            }
            return ratings;
        }
        raw.forEach((dimension, stars) -> {
            RatingDimension known = enumValue(RatingDimension.class, "ratings." + dimension, dimension, violations);
            if (stars == null || stars < 1 || stars > 5) {
                violations.add(new FieldViolation("ratings." + dimension, "out-of-range", 1, 5));
            } else if (known != null) {
                ratings.put(known, stars);
            }
        });
        if (type == FeedbackType.REVIEW) {
            for (RatingDimension required : requiredReviewDimensions) {
                if (!raw.containsKey(required.name())) {
                    violations.add(new FieldViolation("ratings." + required.name(), "required"));
                }
            }
        }
        return ratings;
    }

    private static Map<String, Object> details(CategoryDefinition definition, Map<String, Object> given, YearMonth thisMonth,
            List<FieldViolation> violations) {
        Map<String, Object> raw = given == null ? Map.of() : given;
        List<FieldDefinition> fields = definition == null ? List.of() : definition.fields();
        Map<String, Object> details = new LinkedHashMap<>();
        for (String name : raw.keySet()) {
            if (fields.stream().noneMatch(f -> f.name().equals(name))) {
                violations.add(new FieldViolation("details." + name, "unknown", name));
            }
        }
        for (FieldDefinition field : fields) {
            Object value = raw.get(field.name());
            String path = "details." + field.name();
            if (value == null || (value instanceof String s && s.isBlank())) {
                if (field.required()) {
                    violations.add(new FieldViolation(path, "required"));
                }
                continue;
            }
            Object checked = checkValue(field, value, path, thisMonth, violations);
            if (checked != null) {
                details.put(field.name(), checked);
            }
        }
        return details;
    }

    private static Object checkValue(FieldDefinition field, Object value, String path, YearMonth thisMonth,
            List<FieldViolation> violations) {
        switch (field.type()) {
            case INTEGER, MONEY_FEN -> {
                if (!(value instanceof Integer || value instanceof Long)) {
                    violations.add(new FieldViolation(path, field.type() == FieldDefinition.Type.MONEY_FEN ? "money-fen" : "integer"));
                    return null;
                }
                long number = ((Number) value).longValue();
                long min = field.min() != null ? field.min() : field.type() == FieldDefinition.Type.MONEY_FEN ? 0 : Long.MIN_VALUE;
                long max = field.max() != null ? field.max() : Long.MAX_VALUE;
                if (number < min || number > max) {
                    violations.add(new FieldViolation(path, "out-of-range", min, max));
                    return null;
                }
                return number;
            }
            case YEAR_MONTH -> {
                YearMonth month;
                try {
                    month = YearMonth.parse(String.valueOf(value));
                } catch (DateTimeException e) {
                    violations.add(new FieldViolation(path, "year-month"));
                    return null;
                }
                if (month.isBefore(EARLIEST_MONTH) || month.isAfter(thisMonth)) {
                    // Wages cannot be owed since a month still to come; a collective dispute's figures are read from it.
                    violations.add(new FieldViolation(path, "month-out-of-range", EARLIEST_MONTH.toString(), thisMonth.toString()));
                    return null;
                }
                return month.toString();
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean)) {
                    violations.add(new FieldViolation(path, "boolean"));
                    return null;
                }
                return value;
            }
            default -> {
                String text = String.valueOf(value).strip();
                if (field.maxLength() != null && text.length() > field.maxLength()) {
                    violations.add(new FieldViolation(path, "too-long", field.maxLength()));
                    return null;
                }
                return text;
            }
        }
    }

    /** The constant, or a violation naming the options ({@code unknown-choice}: the message listed none). */
    private static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value, List<FieldViolation> violations) {
        return Choices.read(type, value, field, violations);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
