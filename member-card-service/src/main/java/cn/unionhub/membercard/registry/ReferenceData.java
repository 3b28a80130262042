package cn.unionhub.membercard.registry;

import cn.unionhub.membercard.registry.domain.Organisation;
import cn.unionhub.membercard.registry.domain.OrganisationKind;
import cn.unionhub.membercard.registry.domain.OrganisationKind.Level;
import cn.unionhub.platform.web.CsvRows;
import cn.unionhub.membercard.registry.imports.EnterpriseImporter;
import cn.unionhub.membercard.registry.imports.Imports;
import cn.unionhub.membercard.registry.domain.UnionForm;
import cn.unionhub.membercard.registry.store.Organisations;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What the register holds before anyone edits it: the administrative divisions this installation
 * serves, each with the union of its level ({@code registry/divisions.csv}); and, when
 * {@code unionhub.registry.demo-data} is on (the local run), the demo enterprises and unions the
 * source reports name ({@code registry/demo/}). Both load idempotently at every start, before the
 * service reports ready: unchanged rows change nothing, so several instances may start at once.
 */
@Component
@Order(1)
public class ReferenceData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReferenceData.class);
    static final Actor SYSTEM = new Actor("system:reference-data", Set.of(Role.ADMIN), null, null);

    private final Organisations organisations;
    private final EnterpriseUnions unions;
    private final RegistryService registry;
    private final Imports imports;
    private final Clock clock;
    private final boolean demo;

    ReferenceData(Organisations organisations, EnterpriseUnions unions, RegistryService registry, Imports imports, Clock clock,
            @Value("${unionhub.registry.demo-data:false}") boolean demo) {
        this.organisations = organisations;
        this.unions = unions;
        this.registry = registry;
        this.imports = imports;
        this.clock = clock;
        this.demo = demo;
    }

    @Override
    public void run(ApplicationArguments args) {
        loadDivisions();
        if (demo) {
            var job = imports.runNow("ENTERPRISES", "demo-enterprises", reader("registry/demo/enterprises.csv"),
                    new EnterpriseImporter(organisations, unions, clock, null));
            log.info("Demo enterprises: {} rows, {} registered, {} updated, {} unchanged, {} rejected", job.rows(),
                    job.created(), job.updated(), job.unchanged(), job.rejected());
            forEachRow("registry/demo/unions.csv", row -> registry.registerUnion(new UnionForm(row.get("kind"),
                    row.get("name"), row.get("enterprise"), row.get("district"), row.get("trade"), null,
                    row.get("chairName"), row.get("chairMobile")), SYSTEM));
        }
    }

    /** Divisions and their unions, reconciled with the register like an import. */
    private void loadDivisions() {
        List<Organisation> wanted = new ArrayList<>();
        forEachRow("registry/divisions.csv", row -> {
            Level level = Level.valueOf(row.get("level"));
            String code = row.get("code");
            String parent = row.get("parent");
            String district = level == Level.STREET ? parent : code;
            wanted.add(new Organisation(code, OrganisationKind.DIVISION, row.get("name"), district, parent, level, null,
                    null, null, null, Organisation.Status.ACTIVE, null, 0));
            wanted.add(new Organisation("ZGH-" + code, OrganisationKind.unionOf(level), row.get("name") + "总工会", district,
                    parent == null ? null : "ZGH-" + parent, level, null, null, null, null, Organisation.Status.ACTIVE,
                    null, 0));
        });
        // Reconciling remembers the divisions, those already registered and those it writes. It used to
        // read every division by kind first: on the embedded store (no secondary indexes) that read the
        // whole register at every start, 350,000 enterprises of a city included.
        Organisations.Reconciled done = organisations.reconcile(wanted, clock.instant());
        log.info("Divisions and their unions: {} in the reference file, {} registered now, {} updated", wanted.size(),
                done.created(), done.updated());
    }

    private static void forEachRow(String resource, Consumer<Map<String, String>> action) {
        try (Reader in = reader(resource)) {
            CsvRows csv = new CsvRows(in);
            List<String> header = csv.next();
            for (List<String> fields = csv.next(); fields != null; fields = csv.next()) {
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    String value = i < fields.size() ? fields.get(i).strip() : "";
                    row.put(header.get(i).strip(), value.isEmpty() ? null : value);
                }
                action.accept(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    private static Reader reader(String resource) {
        try {
            return new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
