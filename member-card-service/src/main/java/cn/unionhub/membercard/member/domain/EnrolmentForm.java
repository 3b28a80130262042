package cn.unionhub.membercard.member.domain;

import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.platform.identity.ChineseIdentifiers;
import java.util.ArrayList;
import java.util.List;

/**
 * One worker to enrol, as a union officer types it or a file lists it; all fields checked at once.
 *
 * @param idNumber    18-character resident identity number (GB 11643 check character)
 * @param workerGroup REGULAR (default), MIGRANT_WORKER or GIG_WORKER, or their Chinese names
 * @param enterprise  the employer's USCC when the union is a joint union (optional)
 * @param account     the worker's sign-in account, when the union already knows it (optional; only the city union's
 *                    administrators may name one, e.g. when moving an older register over: anyone else naming an
 *                    account could tie a stranger's sign-in to a made-up member, so workers link themselves)
 */
public record EnrolmentForm(String name, String idNumber, String mobile, String workerGroup, String enterprise,
        String account) {

    public static final int MAX_NAME = 50;

    public record Checked(String name, String idNumber, String mobile, WorkerGroup group, String enterprise,
            String account, List<FieldViolation> violations) {

        public boolean ok() {
            return violations.isEmpty();
        }
    }

    /** Checked as by the city union's administrators, who may name the member's account. */
    public Checked check() {
        return check(true);
    }

    /** Checked; {@code mayNameAccount} false refuses a named account (the worker links it: POST /api/v1/members/me/link). */
    public Checked check(boolean mayNameAccount) {
        List<FieldViolation> bad = new ArrayList<>();
        String n = checkedName(name, true, bad);
        String id = trim(idNumber);
        if (id == null) {
            bad.add(new FieldViolation("idNumber", "required"));
        } else {
            id = id.toUpperCase();
            if (!ChineseIdentifiers.isValidResidentId(id)) {
                bad.add(new FieldViolation("idNumber", "resident-id"));
            }
        }
        String m = checkedMobile(mobile, bad);
        WorkerGroup group = trim(workerGroup) == null ? WorkerGroup.REGULAR : checkedGroup(workerGroup, bad);
        String e = trim(enterprise);
        if (e != null) {
            e = e.toUpperCase();
            if (!ChineseIdentifiers.isValidUscc(e)) {
                bad.add(new FieldViolation("enterprise", "uscc"));
            }
        }
        String a = trim(account);
        if (a != null && !mayNameAccount) {
            bad.add(new FieldViolation("account", "account-linked-by-worker"));
        } else if (a != null && (a.length() > 100 || !a.matches("[A-Za-z0-9._@-]+"))) {
            bad.add(new FieldViolation("account", "account"));
        }
        return new Checked(n, id, m, group, e, a, bad);
    }

    /**
     * A correction of a member's details ({@code PATCH /api/v1/members/{id}}): only what is given changes.
     * Checked as at enrolment.
     */
    public record Correction(String name, String mobile, String workerGroup) {

        public record Checked(String name, String mobile, WorkerGroup group, List<FieldViolation> violations) {
        }

        public Checked check() {
            List<FieldViolation> bad = new ArrayList<>();
            String n = checkedName(name, name != null, bad);
            String m = checkedMobile(mobile, bad);
            WorkerGroup group = trim(workerGroup) == null ? null : checkedGroup(workerGroup, bad);
            if (n == null && m == null && group == null && bad.isEmpty()) {
                // Nothing to correct: say what may be ("name is required" sent staff looking for a missing name).
                bad.add(new FieldViolation("name", "correction-empty"));
            }
            return new Checked(n, m, group, bad);
        }
    }

    /** The name stripped; {@code required} when it must be given and is blank, {@code too-long} past {@link #MAX_NAME}. */
    private static String checkedName(String name, boolean required, List<FieldViolation> bad) {
        String n = trim(name);
        if (n == null && required) {
            bad.add(new FieldViolation("name", "required"));
        } else if (n != null && n.length() > MAX_NAME) {
            bad.add(new FieldViolation("name", "too-long", MAX_NAME));
        } else if (!cn.unionhub.platform.text.PlainText.isPlain(n)) {
            bad.add(new FieldViolation("name", "not-plain-text"));
        }
        return n;
    }

    /** A mainland mobile as people write it ({@code +86 139 1234 5678}), kept as its eleven digits: linking compares them. */
    private static String checkedMobile(String mobile, List<FieldViolation> bad) {
        String m = trim(mobile);
        if (m == null) {
            return null;
        }
        String digits = ChineseIdentifiers.normalMobile(m);
        if (digits == null) {
            bad.add(new FieldViolation("mobile", "mobile"));
            return m;
        }
        return digits;
    }

    /** The worker group named (REGULAR, MIGRANT_WORKER, GIG_WORKER or their Chinese names); null and {@code unknown} otherwise. */
    private static WorkerGroup checkedGroup(String workerGroup, List<FieldViolation> bad) {
        WorkerGroup group = WorkerGroup.parse(workerGroup).orElse(null);
        if (group == null) {
            bad.add(new FieldViolation("workerGroup", "unknown", workerGroup.strip()));
        }
        return group;
    }

    private static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
