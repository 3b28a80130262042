package cn.unionhub.membercard.registry.domain;

import cn.unionhub.membercard.registry.domain.Organisation.Status;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.platform.identity.ChineseIdentifiers;
import java.util.ArrayList;
import java.util.List;

/**
 * An enterprise as a person or a file states it, every field as text, checked all at once: the API
 * answers every bad field, the importer reports every bad field of a row with its line number.
 *
 * @param status ACTIVE (存续, the default) or CLOSED (注销)
 */
public record EnterpriseForm(String uscc, String name, String district, String industry, String size, String address,
        String status) {

    public static final int MAX_NAME = 100;
    public static final int MAX_ADDRESS = 200;
    /** The status words that say why an enterprise closed. */
    public static final java.util.Set<String> CLOSING_WORDS = java.util.Set.of("注销", "吊销");

    /** The enterprise, or the reasons it cannot be registered. */
    public Checked check(DivisionLookup divisions) {
        List<FieldViolation> bad = new ArrayList<>();
        String code = trim(uscc);
        if (code == null) {
            bad.add(new FieldViolation("uscc", "required"));
        } else if (!ChineseIdentifiers.isValidUscc(code.toUpperCase())) {
            bad.add(new FieldViolation("uscc", "uscc"));
        }
        String n = trim(name);
        if (n == null) {
            bad.add(new FieldViolation("name", "required"));
        } else if (n.length() > MAX_NAME) {
            bad.add(new FieldViolation("name", "too-long", MAX_NAME));
        } else if (!cn.unionhub.platform.text.PlainText.isPlain(n)) {
            bad.add(new FieldViolation("name", "not-plain-text"));
        }
        String d = trim(district);
        if (d == null) {
            bad.add(new FieldViolation("district", "required"));
        } else if (divisions.division(d).filter(v -> v.level() == OrganisationKind.Level.DISTRICT).isEmpty()) {
            bad.add(new FieldViolation("district", "unknown-district", d));
        }
        String section = null;
        if (trim(industry) != null) {
            section = Industries.section(industry).orElse(null);
            if (section == null) {
                bad.add(new FieldViolation("industry", "unknown-industry", industry.trim()));
            }
        }
        SizeBand band = null;
        if (trim(size) != null) {
            band = SizeBand.parse(size).orElse(null);
            if (band == null) {
                bad.add(new FieldViolation("size", "unknown", size.trim()));
            }
        }
        String a = trim(address);
        if (a != null && a.length() > MAX_ADDRESS) {
            bad.add(new FieldViolation("address", "too-long", MAX_ADDRESS));
        } else if (!cn.unionhub.platform.text.PlainText.isPlain(a)) {
            bad.add(new FieldViolation("address", "not-plain-text"));
        }
        Status s = Status.ACTIVE;
        if (trim(status) != null) {
            s = switch (status.trim().toUpperCase()) {
                case "ACTIVE", "存续", "在业" -> Status.ACTIVE;
                case "CLOSED", "注销", "吊销" -> Status.CLOSED;
                default -> null;
            };
            if (s == null) {
                bad.add(new FieldViolation("status", "unknown", status.trim()));
            }
        }
        if (!bad.isEmpty()) {
            return new Checked(null, bad);
        }
        // 吊销 (licence revoked) is not 注销 (deregistered): the word given is the reason kept.
        String closedWhy = s != Status.CLOSED ? null : "吊销".equals(status.trim()) ? "吊销" : "注销";
        return new Checked(new Organisation(code.toUpperCase(), OrganisationKind.ENTERPRISE, n, d, null, null, section,
                band, a, null, s, closedWhy, 0), List.of());
    }

    /** Either an organisation or what is wrong with the form. */
    public record Checked(Organisation organisation, List<FieldViolation> violations) {

        public boolean ok() {
            return organisation != null;
        }
    }

    static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
