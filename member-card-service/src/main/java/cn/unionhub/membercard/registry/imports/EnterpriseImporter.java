package cn.unionhub.membercard.registry.imports;

import cn.unionhub.membercard.registry.RegistryService;
import cn.unionhub.membercard.registry.domain.EnterpriseForm;
import cn.unionhub.membercard.registry.domain.Organisation;
import cn.unionhub.membercard.registry.store.Organisations;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.security.Divisions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Enterprises from CSV. Idempotent: a row equal to the register changes nothing and announces
 * nothing; a changed row updates its one enterprise (and publishes the update); a new one registers
 * it ({@link Organisations#reconcile}).
 *
 * <p>Columns by header, English or Chinese, any order: {@code uscc|统一社会信用代码},
 * {@code name|企业名称}, {@code district|行政区划代码}, {@code industry|行业门类}, {@code size|规模},
 * {@code address|地址}, {@code status|状态}. The first three are required. A column the file does not
 * have leaves that field of a registered enterprise as it is (a file of codes, names and districts
 * neither clears addresses nor reopens a closed enterprise); an empty cell in a column it has clears it.
 */
public final class EnterpriseImporter implements CsvImporter.Target<Organisation> {

    private static final Map<String, List<String>> COLUMNS = Map.of(
            "uscc", List.of("uscc", "统一社会信用代码", "信用代码"),
            "name", List.of("name", "企业名称", "名称"),
            "district", List.of("district", "行政区划代码", "区划代码", "所在区县代码"),
            "industry", List.of("industry", "行业门类", "行业"),
            "size", List.of("size", "规模", "企业规模"),
            "address", List.of("address", "地址", "住所"),
            "status", List.of("status", "状态", "登记状态"));

    private final Organisations organisations;
    private final cn.unionhub.membercard.registry.EnterpriseUnions unions;
    private final Clock clock;
    private final String onlyDistrict;
    /** The optional columns the file has (every row has the same): the others keep what is on file. */
    private volatile java.util.Set<String> given;

    /** @param onlyDistrict the importer's own division (a district, a city) when they may not touch others; {@code null} for all */
    public EnterpriseImporter(Organisations organisations, cn.unionhub.membercard.registry.EnterpriseUnions unions, Clock clock,
            String onlyDistrict) {
        this.organisations = organisations;
        this.unions = unions;
        this.clock = clock;
        this.onlyDistrict = onlyDistrict;
    }

    @Override
    public Map<String, List<String>> columns() {
        return COLUMNS;
    }

    @Override
    public List<String> requiredColumns() {
        return List.of("uscc", "name", "district");
    }

    @Override
    public CsvImporter.Checked<Organisation> check(Map<String, String> row) {
        given = row.keySet();
        EnterpriseForm.Checked checked = new EnterpriseForm(row.get("uscc"), row.get("name"), row.get("district"),
                row.get("industry"), row.get("size"), row.get("address"), row.get("status")).check(organisations);
        if (!checked.ok()) {
            return CsvImporter.Checked.bad(checked.violations());
        }
        if (onlyDistrict != null && !Divisions.contains(onlyDistrict, checked.organisation().district())) {
            return CsvImporter.Checked.bad(List.of(new FieldViolation("district", "outside-your-area")));
        }
        if (onlyDistrict != null) {
            Optional<FieldViolation> elsewhere = RegistryService.anotherServedCity(checked.organisation(), organisations);
            if (elsewhere.isPresent()) {
                return CsvImporter.Checked.bad(List.of(elsewhere.get()));
            }
        }
        return CsvImporter.Checked.ok(checked.organisation());
    }

    @Override
    public String keyOf(Organisation enterprise) {
        return enterprise.id();
    }

    @Override
    public void write(List<CsvImporter.Line<Organisation>> lines, CsvImporter.Counts counts,
            List<ImportJob.RowError> report) {
        // The row names the importer's district, but the enterprise on file may be another district's.
        java.util.Set<String> columns = given == null ? COLUMNS.keySet() : given;
        Organisations.Reconciled done = organisations.reconcile(lines.stream().map(CsvImporter.Line::record).toList(),
                clock.instant(), known -> onlyDistrict == null || Divisions.contains(onlyDistrict, known.district()),
                (known, wanted) -> new Organisation(wanted.id(), wanted.kind(), wanted.name(), wanted.district(), wanted.parent(),
                        wanted.level(), columns.contains("industry") ? wanted.industry() : known.industry(),
                        columns.contains("size") ? wanted.sizeBand() : known.sizeBand(),
                        columns.contains("address") ? wanted.address() : known.address(), known.chair(),
                        columns.contains("status") ? wanted.status() : known.status(),
                        columns.contains("status") ? wanted.closedReason() : known.closedReason(), wanted.revision()));
        counts.created += done.created();
        counts.updated += done.updated();
        counts.unchanged += done.unchanged();
        counts.rejected += done.refused().size();
        for (CsvImporter.Line<Organisation> line : lines) {
            String why = done.refused().get(line.record().id());
            if (why != null) {
                report.add(CsvImporter.refusal(line.line(), line.record().id(), why.equals("outside-your-area") ? "uscc" : "status", why));
            }
        }
        // An enterprise's own union closes and opens with it, whichever way its status changed.
        done.transitions().forEach(t -> unions.follow(t.before(), t.after()));
    }
}
