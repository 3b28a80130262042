package cn.unionhub.cases.ledgers;

import cn.unionhub.cases.casework.CaseService;
import cn.unionhub.cases.casework.api.CaseView;
import cn.unionhub.cases.casework.domain.Case;
import cn.unionhub.cases.casework.store.Cases;
import cn.unionhub.platform.web.Csv;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Divisions;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The two lists of seed 004's 两清单 and the ledger behind them (台账): open wage-arrears clues, closed
 * wage-arrears clues, and public-opinion clues with what checking them found. Filterable by district,
 * source and Beijing date range, paginated, or exported whole as CSV ({@code ?format=csv}). Staff see
 * their own district only.
 */
@RestController
@RequestMapping("/api/v1/cases/ledgers")
class LedgerController {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final int MAX_PAGE_SIZE = 200;
    private static final String WAGES = "WAGES_ARREARS";
    private static final List<Case.Status> NOT_CLOSED = List.of(Case.Status.ROUTED, Case.Status.ACCEPTED,
            Case.Status.CONTACTED, Case.Status.IN_PROGRESS, Case.Status.REOPENED, Case.Status.RESOLVED);

    record Page<T>(List<T> items, int page, int size, long total) {
    }

    /** 欠薪线索台账: a wage-arrears clue still being worked. */
    record ArrearsClue(String caseNumber, String source, String sourceReference, OffsetDateTime openedAt, String enterprise,
            String enterpriseName, String district, String workerGroup, Integer workersAffected, Long amountOwedFen,
            String organisationName, String status, String slaState, int escalationLevel, OffsetDateTime firstRespondedAt,
            OffsetDateTime resolutionDueAt) {

        static ArrearsClue of(CaseView v) {
            return new ArrearsClue(v.caseNumber(), v.source(), v.sourceReference(), v.times().openedAt(), v.enterprise(),
                    v.enterpriseName(), v.district(), v.workerGroup(), v.workersAffected(), v.amountOwedFen(),
                    v.organisationName(), v.status(), v.sla().state(), v.sla().escalationLevel(), v.times().firstRespondedAt(),
                    v.times().resolutionDueAt());
        }
    }

    /** 已办结欠薪线索台账: a wage-arrears clue closed, with what was recovered. */
    record ClosedArrearsClue(String caseNumber, String source, String sourceReference, OffsetDateTime openedAt,
            String enterprise, String enterpriseName, String district, Integer workersAffected, Long amountOwedFen,
            String organisationName, String outcome, Long recoveredAmountFen, Integer workersHelped,
            OffsetDateTime firstRespondedAt, OffsetDateTime resolvedAt, OffsetDateTime closedAt, String slaState,
            String satisfaction) {

        static ClosedArrearsClue of(CaseView v) {
            return new ClosedArrearsClue(v.caseNumber(), v.source(), v.sourceReference(), v.times().openedAt(),
                    v.enterprise(), v.enterpriseName(), v.district(), v.workersAffected(), v.amountOwedFen(),
                    v.organisationName(), v.result().outcome(), v.result().recoveredAmountFen(), v.result().workersHelped(),
                    v.times().firstRespondedAt(), v.times().resolvedAt(), v.times().closedAt(), v.sla().state(),
                    v.result().satisfaction());
        }
    }

    /** 舆情核实清单: a public-opinion clue and what checking it found. */
    record OpinionClue(String caseNumber, String sourceReference, OffsetDateTime openedAt, String enterprise,
            String enterpriseName, String district, String category, String summary, String organisationName, String status,
            String finding, String findingNote, OffsetDateTime verifiedAt) {

        static OpinionClue of(CaseView v) {
            return new OpinionClue(v.caseNumber(), v.sourceReference(), v.times().openedAt(), v.enterprise(),
                    v.enterpriseName(), v.district(), v.category(), v.summary(), v.organisationName(), v.status(),
                    v.clue() == null ? null : v.clue().finding(), v.clue() == null ? null : v.clue().note(),
                    v.clue() == null ? null : v.clue().verifiedAt());
        }
    }

    private final CaseService service;
    private final Cases cases;

    LedgerController(CaseService service, Cases cases) {
        this.service = service;
        this.cases = cases;
    }

    @GetMapping("/wage-arrears")
    ResponseEntity<?> wageArrears(Actor actor, @RequestParam(required = false) String district,
            @RequestParam(required = false) Case.Source source,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
            @RequestParam(defaultValue = "json") String format, HttpServletResponse response) {
        Cases.Filter filter = filter(actor, district, NOT_CLOSED, source, WAGES, from, to, false);
        return answer(filter, page, size, format, response, ArrearsClue::of, "wage-arrears-clues.csv",
                new String[] {"工单编号", "来源", "来源编号", "受理时间", "统一社会信用代码", "企业名称", "区县", "人群", "涉及人数",
                        "欠薪金额(分)", "承办单位", "状态", "时限状态", "督办级别", "首次答复时间", "办结时限"},
                c -> new Object[] {c.caseNumber(), c.source(), c.sourceReference(), c.openedAt(), c.enterprise(),
                        c.enterpriseName(), c.district(), c.workerGroup(), c.workersAffected(), c.amountOwedFen(),
                        c.organisationName(), c.status(), c.slaState(), c.escalationLevel(), c.firstRespondedAt(),
                        c.resolutionDueAt()});
    }

    /** Closed wage-arrears clues; the date range applies to when they were closed. */
    @GetMapping("/wage-arrears-closed")
    ResponseEntity<?> closedWageArrears(Actor actor, @RequestParam(required = false) String district,
            @RequestParam(required = false) Case.Source source,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
            @RequestParam(defaultValue = "json") String format, HttpServletResponse response) {
        Cases.Filter filter = filter(actor, district, List.of(Case.Status.CLOSED), source, WAGES, from, to, true);
        return answer(filter, page, size, format, response, ClosedArrearsClue::of, "wage-arrears-closed.csv",
                new String[] {"工单编号", "来源", "来源编号", "受理时间", "统一社会信用代码", "企业名称", "区县", "涉及人数",
                        "欠薪金额(分)", "承办单位", "办理结果", "追回金额(分)", "受益人数", "首次答复时间", "办结时间", "结案时间",
                        "时限状态", "满意度"},
                c -> new Object[] {c.caseNumber(), c.source(), c.sourceReference(), c.openedAt(), c.enterprise(),
                        c.enterpriseName(), c.district(), c.workersAffected(), c.amountOwedFen(), c.organisationName(),
                        c.outcome(), c.recoveredAmountFen(), c.workersHelped(), c.firstRespondedAt(), c.resolvedAt(),
                        c.closedAt(), c.slaState(), c.satisfaction()});
    }

    @GetMapping("/public-opinion")
    ResponseEntity<?> publicOpinion(Actor actor, @RequestParam(required = false) String district,
            @RequestParam(required = false) List<Case.Status> status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
            @RequestParam(defaultValue = "json") String format, HttpServletResponse response) {
        Cases.Filter filter = filter(actor, district, status, Case.Source.PUBLIC_OPINION, null, from, to, false);
        return answer(filter, page, size, format, response, OpinionClue::of, "public-opinion-clues.csv",
                new String[] {"工单编号", "线索编号", "受理时间", "统一社会信用代码", "企业名称", "区县", "类别", "线索内容", "核实单位",
                        "状态", "核实结论", "核实说明", "核实时间"},
                c -> new Object[] {c.caseNumber(), c.sourceReference(), c.openedAt(), c.enterprise(), c.enterpriseName(),
                        c.district(), c.category(), c.summary(), c.organisationName(), c.status(), c.finding(), c.findingNote(),
                        c.verifiedAt()});
    }

    /**
     * A page as JSON; or, as CSV, every case written to the response as it is read (null: answered).
     * A null filter (the caller may see nothing) answers an empty page or a file of the header only.
     */
    private <T> ResponseEntity<?> answer(Cases.Filter filter, int page, int size, String format, HttpServletResponse response,
            Function<CaseView, T> row, String filename, String[] header, Function<T, Object[]> cells) {
        Instant now = service.now();
        if (format.equalsIgnoreCase("csv")) {
            Csv.Rows csv = Csv.streamTo(response, filename, header);
            if (filter != null) {
                cases.forEach(filter, c -> csv.row(cells.apply(row.apply(CaseView.of(c, now, service.rules().calendar())))));
            }
            return null;
        }
        if (filter == null) {
            return ResponseEntity.ok(new Page<>(List.of(), page, size, 0));
        }
        int p = Math.max(0, page);
        int s = Math.min(Math.max(1, size), MAX_PAGE_SIZE);
        List<T> items = cases.page(filter, p, s).stream().map(c -> row.apply(CaseView.of(c, now, service.rules().calendar()))).toList();
        return ResponseEntity.ok(new Page<>(items, p, s, cases.count(filter)));
    }

    /** The caller's scope narrowed by the query; null when the caller may see nothing. */
    private Cases.Filter filter(Actor actor, String district, List<Case.Status> statuses, Case.Source source, String category,
            LocalDate from, LocalDate to, boolean byClosing) {
        Cases.Filter scope = service.scope(actor).orElse(null);
        if (scope == null) {
            return null;
        }
        if (scope.district() != null && district != null && !Divisions.contains(scope.district(), district)) {
            // Another area's ledger: said so, not answered as an empty one (a clerk read "no clues there").
            throw new cn.unionhub.platform.domain.ForbiddenException("ledger-area-not-yours", district);
        }
        Instant start = from == null ? null : from.atStartOfDay(BEIJING).toInstant();
        Instant end = to == null ? null : to.plusDays(1).atStartOfDay(BEIJING).toInstant();
        // The district asked for, within the caller's division (a city's staff asking for one of its districts), else the division.
        return new Cases.Filter(scope.enterprise(), district != null ? district : scope.district(), statuses, source,
                category, byClosing ? null : start, byClosing ? null : end, byClosing ? start : null, byClosing ? end : null, null,
                scope.releasedBy());
    }
}
