package cn.unionhub.membercard.member;

import cn.unionhub.membercard.member.domain.EnrolmentForm;
import cn.unionhub.membercard.member.domain.Member;
import cn.unionhub.membercard.member.store.Members;
import cn.unionhub.membercard.registry.domain.Organisation;
import cn.unionhub.membercard.registry.imports.CsvImporter;
import cn.unionhub.membercard.registry.imports.ImportJob;
import cn.unionhub.platform.identity.Masking;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A union's enrolment list (集中入会) from CSV. People already on file (same identity number,
 * found by its keyed hash) are not enrolled twice: their row is reported with the member id on
 * file (or, for someone in a union outside the importer's, without it). Rows without an account go in bulk; a row that links an account is enrolled on its own,
 * since the account must be claimed first.
 *
 * <p>Columns: {@code name|姓名}, {@code idNumber|身份证号}, {@code mobile|手机号}, {@code workerGroup|职工类别},
 * {@code enterprise|用人单位统一社会信用代码}, {@code account|账号}; the first two are required.
 */
final class MemberImporter implements CsvImporter.Target<Member.Change> {

    private static final Map<String, List<String>> COLUMNS = Map.of(
            "idNumber", List.of("idnumber", "身份证号", "身份证号码", "公民身份号码"),
            "name", List.of("name", "姓名"),
            "mobile", List.of("mobile", "手机号", "手机号码", "联系电话"),
            "workerGroup", List.of("workergroup", "职工类别", "人员类别"),
            "enterprise", List.of("enterprise", "用人单位统一社会信用代码", "用人单位"),
            "account", List.of("account", "账号", "平台账号"));

    private final MemberService service;
    private final Members members;
    private final Organisation union;
    /** Whether the importer may see a member already on file: if not, the report says so without the member id. */
    private final Predicate<Member> visible;
    /** Whether the file may name members' accounts ({@link MemberService#mayNameAccounts}). */
    private final boolean mayNameAccounts;

    MemberImporter(MemberService service, Members members, Organisation union, Predicate<Member> visible, boolean mayNameAccounts) {
        this.service = service;
        this.members = members;
        this.union = union;
        this.visible = visible;
        this.mayNameAccounts = mayNameAccounts;
    }

    /**
     * A row of someone already on file: with their member id when the importer may see them, and then one line more
     * for each detail the file gives otherwise than the register (name, mobile), which stays as it is: the officer
     * corrects the member on purpose (PATCH), as the list form and the single enrolment say.
     */
    private List<ImportJob.RowError> alreadyMember(long line, Member.Change row, Member onFile) {
        String key = row.member().idMasked();
        try {
            if (service.rejoined(onFile, row.member()) != null) {
                return List.of(); // one who left, back (重新入会)
            }
        } catch (cn.unionhub.platform.domain.ConflictException differs) {
            // Left, and the file names them otherwise than the register: reported below, as for a member.
        }
        if (onFile == null || !visible.test(onFile)) {
            return List.of(CsvImporter.refusal(line, key, "idNumber", "already-member-elsewhere"));
        }
        List<ImportJob.RowError> errors = new ArrayList<>();
        errors.add(CsvImporter.refusal(line, key, "idNumber", "already-member", onFile.id()));
        onFile.differingDetails(row.member().name(), row.member().mobile())
                .forEach(field -> errors.add(CsvImporter.refusal(line, key, field, "differs-from-register")));
        return errors;
    }

    @Override
    public Map<String, List<String>> columns() {
        return COLUMNS;
    }

    @Override
    public List<String> requiredColumns() {
        return List.of("idNumber", "name");
    }

    @Override
    public String reportKey(Map<String, String> row) {
        return Masking.residentId(row.get("idNumber") == null ? null : row.get("idNumber").strip());
    }

    @Override
    public CsvImporter.Checked<Member.Change> check(Map<String, String> row) {
        EnrolmentForm.Checked checked = new EnrolmentForm(row.get("name"), row.get("idNumber"), row.get("mobile"),
                row.get("workerGroup"), row.get("enterprise"), row.get("account")).check(mayNameAccounts);
        return checked.ok() ? CsvImporter.Checked.ok(service.enrolment(union, checked))
                : CsvImporter.Checked.bad(checked.violations());
    }

    /** Repeats are found by the identity key when written, not held in memory: a file may list millions. */
    @Override
    public String keyOf(Member.Change enrolment) {
        return null;
    }

    @Override
    public void write(List<CsvImporter.Line<Member.Change>> batch, CsvImporter.Counts counts,
            List<ImportJob.RowError> report) {
        List<Member.Change> bulk = new ArrayList<>();
        Map<String, Long> lineOfHash = new HashMap<>();
        for (CsvImporter.Line<Member.Change> line : batch) {
            Member member = line.record().member();
            if (member.account() == null) {
                if (lineOfHash.putIfAbsent(member.idHash(), line.line()) == null) {
                    bulk.add(line.record());
                } else {
                    report.add(CsvImporter.refusal(line.line(), member.idMasked(), "idNumber", "duplicate-in-file"));
                    counts.rejected++;
                }
                continue;
            }
            try {
                Members.Enrolled enrolled = members.enrol(line.record());
                if (enrolled.created()) {
                    counts.created++;
                } else {
                    List<ImportJob.RowError> errors = alreadyMember(line.line(), line.record(), enrolled.member());
                    report.addAll(errors);
                    if (errors.isEmpty()) {
                        counts.created++; // back after leaving
                    } else {
                        counts.unchanged++;
                    }
                }
            } catch (cn.unionhub.platform.domain.ConflictException refused) {
                report.add(CsvImporter.refusal(line.line(), member.idMasked(), "account", refused.code(), member.account()));
                counts.rejected++;
            }
        }
        Set<String> onFile = members.enrolAll(bulk);
        counts.created += bulk.size() - onFile.size();
        counts.unchanged += onFile.size();
        for (Member.Change e : bulk) {
            if (onFile.contains(e.member().idHash())) {
                List<ImportJob.RowError> errors = alreadyMember(lineOfHash.get(e.member().idHash()), e,
                        members.byIdHash(e.member().idHash()).orElse(null));
                report.addAll(errors);
                if (errors.isEmpty()) {
                    counts.created++; // back after leaving
                    counts.unchanged--;
                }
            }
        }
    }
}
