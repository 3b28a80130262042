package cn.unionhub.membercard.registry.domain;

import cn.unionhub.membercard.registry.domain.Organisation.Status;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.platform.identity.ChineseIdentifiers;
import cn.unionhub.security.Divisions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A grassroots union (基层工会) of one enterprise, or a joint union (联合工会) of an area or a trade.
 * A grassroots union's id is {@code GH-<enterprise USCC>}: an enterprise has one union, and
 * registering it twice finds the first. A joint union is numbered in its district by the register.
 *
 * @param kind       GRASSROOTS_UNION or JOINT_UNION
 * @param enterprise the enterprise of a grassroots union
 * @param district   the district of a joint union (a grassroots union's is its enterprise's)
 * @param trade      what a joint union covers, e.g. 快递, 网约车, 环卫, or the small firms of a street
 * @param parent     the union above it: a street or district union; defaults to the district's union
 */
public record UnionForm(String kind, String name, String enterprise, String district, String trade, String parent,
        String chairName, String chairMobile) {

    public static final int MAX_NAME = 100;
    /** A person's name, as the member register keeps it. */
    public static final int MAX_PERSON_NAME = 50;
    /** What a joint union covers (快递, 网约车, …): the registration event carries at most this. */
    public static final int MAX_TRADE = 40;

    /** The union (id filled for grassroots unions, {@code null} for a joint one until numbered), or what is wrong. */
    public Checked check(Lookup register) {
        List<FieldViolation> bad = new ArrayList<>();
        OrganisationKind k = switch (kind == null ? "" : kind.strip()) {
            case "GRASSROOTS_UNION" -> OrganisationKind.GRASSROOTS_UNION;
            case "JOINT_UNION" -> OrganisationKind.JOINT_UNION;
            default -> null;
        };
        if (k == null) {
            bad.add(new FieldViolation("kind", kind == null ? "required" : "unknown", kind));
        }
        String n = EnterpriseForm.trim(name);
        if (n == null) {
            bad.add(new FieldViolation("name", "required"));
        } else if (n.length() > MAX_NAME) {
            bad.add(new FieldViolation("name", "too-long", MAX_NAME));
        } else if (!cn.unionhub.platform.text.PlainText.isPlain(n)) {
            bad.add(new FieldViolation("name", "not-plain-text"));
        }
        String d = EnterpriseForm.trim(district);
        String id = null;
        String parentId = EnterpriseForm.trim(parent);
        if (k == OrganisationKind.GRASSROOTS_UNION) {
            String uscc = EnterpriseForm.trim(enterprise);
            Optional<Organisation> employer = uscc == null || !ChineseIdentifiers.isValidUscc(uscc.toUpperCase())
                    ? Optional.empty() : register.find(uscc.toUpperCase()).filter(o -> o.kind() == OrganisationKind.ENTERPRISE);
            if (uscc == null) {
                bad.add(new FieldViolation("enterprise", "required"));
            } else if (employer.isEmpty()) {
                bad.add(new FieldViolation("enterprise", "unknown-enterprise", uscc));
            } else if (!employer.get().isActive()) {
                // A closed enterprise has no workers to organise (its union closed with it).
                bad.add(new FieldViolation("enterprise", "enterprise-closed", uscc));
            } else {
                d = employer.get().district();
                id = "GH-" + employer.get().id();
            }
        } else if (k == OrganisationKind.JOINT_UNION && (d == null || register.division(d).isEmpty())) {
            bad.add(new FieldViolation("district", d == null ? "required" : "unknown-district", d));
        } else if (k == OrganisationKind.JOINT_UNION && register.division(d).filter(v -> v.level() == OrganisationKind.Level.DISTRICT).isEmpty()) {
            // A union belongs to a county-level district (its members' cards, money and events are the district's): a
            // street's joint union names its district and its street union as parent (a street code was a 500 at the event).
            bad.add(new FieldViolation("district", "district-level-only", d));
        }
        Optional<Organisation> above = parentId == null ? Optional.empty() : register.find(parentId).filter(o -> o.kind().isUnion());
        if (parentId != null && above.isEmpty()) {
            bad.add(new FieldViolation("parent", "unknown-union", parentId));
        } else if (above.isPresent() && d != null && !isAbove(above.get(), d)) {
            // Any union was taken: another city's district union, an enterprise's own union (exploratory test, 2026-12-04).
            bad.add(new FieldViolation("parent", "not-a-parent-union", parentId));
        }
        String chair = EnterpriseForm.trim(chairName);
        if (chair != null && chair.length() > MAX_PERSON_NAME) {
            bad.add(new FieldViolation("chairName", "too-long", MAX_PERSON_NAME));
        } else if (!cn.unionhub.platform.text.PlainText.isPlain(chair)) {
            bad.add(new FieldViolation("chairName", "not-plain-text"));
        }
        String trade = EnterpriseForm.trim(this.trade);
        if (trade != null && trade.length() > MAX_TRADE) {
            bad.add(new FieldViolation("trade", "too-long", MAX_TRADE));
        }
        String mobile = EnterpriseForm.trim(chairMobile);
        if (mobile != null && !ChineseIdentifiers.isValidMobile(mobile)) {
            bad.add(new FieldViolation("chairMobile", "mobile"));
        }
        if (!bad.isEmpty()) {
            return new Checked(null, bad);
        }
        if (parentId == null) {
            parentId = "ZGH-" + d;
        }
        String industry = k == OrganisationKind.JOINT_UNION ? trade : null;
        return new Checked(new Organisation(id == null ? "" : id, k, n, d, parentId, null, industry, null, null,
                chair == null ? null : new Chair(chair, mobile), Status.ACTIVE, null, 0), List.of());
    }

    /** A union that may stand above one of {@code district}: the street's, the district's or the city's union over it. */
    private static boolean isAbove(Organisation parent, String district) {
        boolean level = parent.kind() == OrganisationKind.STREET_UNION || parent.kind() == OrganisationKind.DISTRICT_UNION
                || parent.kind() == OrganisationKind.CITY_UNION;
        return level && Divisions.contains(parent.district(), district);
    }

    /** What checking a union needs from the register. */
    public interface Lookup extends DivisionLookup {
        Optional<Organisation> find(String id);
    }

    public record Checked(Organisation union, List<FieldViolation> violations) {
    }
}
