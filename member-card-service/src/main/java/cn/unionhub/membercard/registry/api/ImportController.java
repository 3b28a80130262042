package cn.unionhub.membercard.registry.api;

import cn.unionhub.membercard.registry.imports.EnterpriseImporter;
import cn.unionhub.membercard.registry.imports.ImportJob;
import cn.unionhub.membercard.registry.imports.ImportJobs;
import cn.unionhub.membercard.registry.imports.Imports;
import cn.unionhub.membercard.registry.store.Organisations;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.problem.Problems;
import cn.unionhub.platform.web.Csv;
import cn.unionhub.security.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Register imports: upload a CSV (the request body, {@code text/csv}), get a job at once (202), follow
 * its progress, read the rows it refused with their line numbers (JSON, or CSV for a spreadsheet).
 * A district union's file may only touch its district; rows elsewhere are refused one by one.
 */
@RestController
@RequestMapping("/api/v1/registry/imports")
class ImportController {

    private final Imports imports;
    private final ImportJobs jobs;
    private final Organisations organisations;
    private final cn.unionhub.membercard.registry.EnterpriseUnions unions;
    private final Problems problems;
    private final Clock clock;

    ImportController(Imports imports, ImportJobs jobs, Organisations organisations, cn.unionhub.membercard.registry.EnterpriseUnions unions,
            Problems problems, Clock clock) {
        this.imports = imports;
        this.jobs = jobs;
        this.organisations = organisations;
        this.unions = unions;
        this.problems = problems;
        this.clock = clock;
    }

    @PostMapping("/enterprises")
    ResponseEntity<ImportJob> importEnterprises(HttpServletRequest request, Actor actor) throws IOException {
        String district = actor.seesEverything() ? null : actor.area();
        if (!actor.seesEverything() && district == null) {
            // A district union's token without its district would otherwise import for the whole city.
            throw new ForbiddenException("registry-no-district");
        }
        ImportJob job = imports.start("ENTERPRISES", null, actor.subject(), district, request.getInputStream(),
                new EnterpriseImporter(organisations, unions, clock, district));
        return ResponseEntity.accepted().location(URI.create("/api/v1/registry/imports/" + job.id())).body(job);
    }

    @GetMapping("/{id}")
    ImportJob job(@PathVariable String id, Actor actor) {
        return visible(id, actor);
    }

    /** A refused row in the reader's language. */
    record RowErrorView(long line, String key, String field, String code, String message) {
    }

    @GetMapping("/{id}/errors")
    Object errors(@PathVariable String id, @RequestParam(defaultValue = "0") long afterLine,
            @RequestParam(required = false) Integer limit, @RequestParam(defaultValue = "json") String format, Actor actor) {
        visible(id, actor);
        // The spreadsheet holds every refused row kept (a file of 15,000 bad rows stopped at 500 without a word);
        // JSON pages, 500 by default, from afterLine.
        boolean csvFile = "csv".equals(format);
        int wanted = limit != null ? limit : csvFile ? ImportJobs.MAX_ERRORS_KEPT : 500;
        List<RowErrorView> rows = jobs.errors(id, afterLine, Math.max(1, Math.min(wanted, csvFile ? ImportJobs.MAX_ERRORS_KEPT : 1000)))
                .stream().map(e -> new RowErrorView(e.line(), e.key(), e.field(), e.code(),
                        problems.fieldMessage(e.code(), e.arguments().toArray())))
                .toList();
        if (!"csv".equals(format)) {
            return rows;
        }
        Csv csv = Csv.withHeader("行号 line", "标识 key", "字段 field", "原因 reason");
        rows.forEach(r -> csv.row(r.line(), r.key(), r.field(), r.message()));
        return csv.download("import-" + id + "-errors.csv");
    }

    /** Its uploader and the city union see a job; anyone else gets 404. */
    private ImportJob visible(String id, Actor actor) {
        return jobs.find(id).filter(j -> actor.seesEverything() || j.requestedBy().equals(actor.subject()))
                .orElseThrow(() -> new NotFoundException("import-not-found", id));
    }
}
