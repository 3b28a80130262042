package cn.unionhub.cases.intake.domain;

import cn.unionhub.cases.casework.domain.Case;
import cn.unionhub.cases.casework.domain.DistrictNames;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.platform.identity.ChineseIdentifiers;
import cn.unionhub.platform.identity.Masking;
import cn.unionhub.platform.register.RegisteredEnterprise;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A case filed by union staff rather than by a worker's app: a 12351 hotline work order, a
 * superior's assignment (上级交办督办) or a public-opinion clue (舆情线索). Every wrong field is
 * reported at once and nothing is opened.
 *
 * @param reference       the channel's own number: work-order number, document number or clue id — the same
 *                        reference twice is the same case
 * @param issuedBy        who assigned it (assignments) or where the clue was seen (clues)
 */
public record IntakeForm(String reference, String category, String enterprise, String enterpriseName, String district,
        String workerGroup, String summary, Long amountOwedFen, Integer workersAffected, String issuedBy, Boolean urgent,
        String callerName, String callerPhone) {

    /** The longest caller's name kept, as the member register keeps names. */
    public static final int MAX_CALLER_NAME = 50;

    /**
     * How to call the caller back, as the operator took it down: a name and a mobile or landline number, kept apart from the
     * case (its record and events never carry them) and read in full only by whoever works the case.
     */
    public record Caller(String name, String phone) {
    }

    /** The caller's contact details given with the form (empty when none); {@link #toIntake} has checked them. */
    public java.util.Optional<Caller> caller() {
        String name = callerName == null || callerName.isBlank() ? null : callerName.strip();
        String phone = phone(callerPhone);
        return name == null && phone == null ? java.util.Optional.empty() : java.util.Optional.of(new Caller(name, phone));
    }

    /** A mobile as its eleven digits, a landline as written without spaces; null for none or neither. */
    private static String phone(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String mobile = ChineseIdentifiers.normalMobile(given);
        if (mobile != null) {
            return mobile;
        }
        String compact = given.replaceAll("\\s", "");
        return ChineseIdentifiers.isValidLandline(compact) ? compact : null;
    }

    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,39}");
    private static final Pattern DISTRICT = Pattern.compile("[0-9]{6}");
    private static final Set<String> WORKER_GROUPS = Set.of("GIG_WORKER", "MIGRANT_WORKER", "REGULAR");

    /**
     * The intake of a valid form, or a 400 listing every wrong field. An enterprise of the {@code register} must be
     * filed under its own district: another district's staff could otherwise open cases against it (the district
     * decides who may file, and the routing sends the case to the enterprise's own union), and a mistyped district
     * sends a case to the wrong union; a district the register does not know is refused. The case then bears the
     * register's name for it; an enterprise the register does not know (many small ones) is taken as filed.
     */
    public Case.Intake toIntake(Case.Source source, Collection<String> categories, Case.By by,
            Function<String, Optional<RegisteredEnterprise>> register, DistrictNames districts) {
        List<FieldViolation> wrong = new ArrayList<>();
        if (reference == null || reference.isBlank()) {
            wrong.add(new FieldViolation("reference", "required"));
        } else if (!REFERENCE.matcher(reference).matches()) {
            wrong.add(new FieldViolation("reference", "reference-format"));
        }
        if (category == null || category.isBlank()) {
            wrong.add(new FieldViolation("category", "required"));
        } else if (!categories.contains(category)) {
            wrong.add(new FieldViolation("category", "unknown-category", category));
        }
        if (enterprise == null || enterprise.isBlank()) {
            wrong.add(new FieldViolation("enterprise", "required"));
        } else if (!ChineseIdentifiers.isValidUscc(enterprise)) {
            wrong.add(new FieldViolation("enterprise", "uscc-invalid"));
        }
        if (enterpriseName != null && enterpriseName.length() > 100) {
            wrong.add(new FieldViolation("enterpriseName", "too-long", 100));
        }
        RegisteredEnterprise registered = enterprise != null && ChineseIdentifiers.isValidUscc(enterprise)
                ? register.apply(enterprise).orElse(null) : null;
        if (district == null || !DISTRICT.matcher(district).matches()) {
            wrong.add(new FieldViolation("district", district == null ? "required" : "district-format"));
        } else if (registered != null && registered.district() != null && !registered.district().equals(district)) {
            wrong.add(new FieldViolation("district", "not-the-enterprises-district", registered.district()));
        } else if (districts.nameOf(district) == null) {
            // Routing names the organisations by the district (镇海区劳动争议调解中心) and reports count by it: a code
            // the register does not know would route to a body that does not exist and report a district that neither.
            wrong.add(new FieldViolation("district", "unknown-district", district));
        }
        if (workerGroup != null && !WORKER_GROUPS.contains(workerGroup)) {
            wrong.add(new FieldViolation("workerGroup", "unknown-worker-group", workerGroup));
        }
        if (summary == null || summary.isBlank()) {
            wrong.add(new FieldViolation("summary", "required"));
        } else if (summary.length() > Case.MAX_TEXT) {
            wrong.add(new FieldViolation("summary", "too-long", Case.MAX_TEXT));
        }
        if (amountOwedFen != null && amountOwedFen < 0) {
            wrong.add(new FieldViolation("amountOwedFen", "not-negative"));
        } else if (amountOwedFen != null && amountOwedFen > Case.Matter.MAX_AMOUNT_FEN) {
            wrong.add(new FieldViolation("amountOwedFen", "at-most-yuan", Case.Matter.yuan(Case.Matter.MAX_AMOUNT_FEN)));
        }
        if (workersAffected != null && workersAffected < 1) {
            wrong.add(new FieldViolation("workersAffected", "at-least", 1));
        } else if (workersAffected != null && workersAffected > Case.Matter.MAX_WORKERS) {
            wrong.add(new FieldViolation("workersAffected", "at-most", Case.Matter.MAX_WORKERS));
        }
        if (source == Case.Source.SUPERVISION && (issuedBy == null || issuedBy.isBlank())) {
            wrong.add(new FieldViolation("issuedBy", "required"));
        }
        if (issuedBy != null && issuedBy.length() > 200) {
            wrong.add(new FieldViolation("issuedBy", "too-long", 200));
        }
        if (callerName != null && callerName.strip().length() > MAX_CALLER_NAME) {
            wrong.add(new FieldViolation("callerName", "too-long", MAX_CALLER_NAME));
        }
        if (callerPhone != null && !callerPhone.isBlank() && phone(callerPhone) == null) {
            wrong.add(new FieldViolation("callerPhone", "phone-format"));
        }
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-case-intake", wrong);
        }
        String text = Masking.inText(summary.strip());
        if (issuedBy != null && !issuedBy.isBlank()) {
            text = (source == Case.Source.SUPERVISION ? "交办单位：" : "线索来源：") + issuedBy.strip() + "\n" + text;
        }
        String name = registered != null && registered.name() != null ? registered.name() : blankToNull(enterpriseName);
        Case.Matter matter = new Case.Matter(category, enterprise, name, district,
                workerGroup == null ? "REGULAR" : workerGroup, channel(source), text, amountOwedFen, workersAffected);
        return new Case.Intake(Case.idFor(source, reference), source, reference, null, null, matter,
                Boolean.TRUE.equals(urgent), by);
    }

    private static String channel(Case.Source source) {
        return switch (source) {
            case HOTLINE_12351 -> "HOTLINE_12351";
            case SUPERVISION -> "SUPERIOR_ASSIGNMENT";
            case PUBLIC_OPINION -> "MEDIA";
            case FEEDBACK -> "MINI_PROGRAM";
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
