package cn.unionhub.cases.casework;

import cn.unionhub.cases.casework.domain.Case;
import cn.unionhub.cases.casework.domain.CaseFacts;
import cn.unionhub.cases.casework.domain.CaseNumbers;
import cn.unionhub.cases.casework.domain.RoutingRules;
import cn.unionhub.cases.casework.store.Cases;
import cn.unionhub.events.feedback.FeedbackRated;
import cn.unionhub.events.feedback.FeedbackSubmitted;
import java.util.Optional;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.util.List;
import java.security.SecureRandom;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Opening cases from feedback and showing them to those who may see them. */
@Service
public class CaseService {

    private static final Logger log = LoggerFactory.getLogger(CaseService.class);
    private static final int CASE_NUMBER_ATTEMPTS = 5;

    private final CaseProperties properties;
    private final RoutingRules routing;
    private final Cases cases;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    CaseService(CaseProperties properties, Cases cases, Clock clock) {
        this.properties = properties;
        this.routing = properties.routingRules();
        this.cases = cases;
        this.clock = clock;
    }

    /** Opens and routes the case of a feedback item once, however often the event arrives. */
    public void openFromFeedback(FeedbackSubmitted feedback) {
        if (!feedback.needsHandling() || cases.exists(Case.idForFeedback(feedback.feedbackId()))) {
            return;
        }
        var decision = routing.route(new CaseFacts(feedback.category(), feedback.workerGroup(), feedback.district(),
                feedback.enterpriseName()));
        for (int attempt = 1; ; attempt++) {
            Case.Opened opened = Case.openFromFeedback(feedback, decision, CaseNumbers.next(clock.instant(), random),
                    properties.firstResponse(), properties.greenFirstResponse(), clock.instant());
            try {
                cases.insert(opened);
                log.info("Case {} opened for {} and routed to {} by rule {}", opened.opened().caseNumber(),
                        feedback.trackingNumber(), decision.organisationName(), decision.rule());
                return;
            } catch (DuplicateKeyException duplicate) {
                if (cases.exists(Case.idForFeedback(feedback.feedbackId()))) {
                    return; // a concurrent delivery opened it
                }
                if (attempt == CASE_NUMBER_ATTEMPTS) {
                    throw duplicate;
                }
            }
        }
    }

    public Case respond(String caseNumber, String text, Actor actor) {
        String role = actor.has(Role.HANDLER) ? Role.HANDLER.name()
                : actor.has(Role.DISTRICT_UNION) ? Role.DISTRICT_UNION.name() : Role.ENTERPRISE_UNION.name();
        return change(caseNumber, actor, c -> c.respond(role, text, clock.instant()));
    }

    public Case resolve(String caseNumber, Case.Outcome outcome, String summary, Actor actor) {
        return change(caseNumber, actor, c -> c.resolve(outcome, summary, clock.instant()));
    }

    /** A worker who is not satisfied sends the case back to work; other ratings change nothing here. */
    public void onRating(FeedbackRated rated) {
        if (!"NOT_SATISFIED".equals(rated.rating())) {
            return;
        }
        Optional<Case> reopened = cases.byId(Case.idForFeedback(rated.feedbackId()))
                .filter(c -> c.status() == Case.Status.RESOLVED)
                .flatMap(c -> cases.change(c.caseNumber(), current -> current.status() == Case.Status.RESOLVED
                        ? current.reopen("职工不满意：" + rated.reason(), clock.instant())
                        : new Case.Changed(current, List.of())));
        reopened.ifPresent(c -> log.info("Case {} reopened: the worker was not satisfied", c.caseNumber()));
    }

    /** The caller's work queue: an enterprise union sees its enterprise, district staff their district. */
    public List<Case> queue(Actor actor, Case.Status status, int page, int size) {
        boolean platformWide = actor.has(Role.HANDLER) || actor.has(Role.ADMIN) || actor.has(Role.GOV_SYSTEM);
        String enterprise = platformWide || actor.has(Role.DISTRICT_UNION) ? null : actor.enterprise();
        String district = platformWide ? null : actor.district();
        if (!platformWide && enterprise == null && district == null) {
            return List.of();
        }
        return cases.page(enterprise, district, status, page, size);
    }

    private Case change(String caseNumber, Actor actor, java.util.function.Function<Case, Case.Changed> change) {
        find(caseNumber, actor); // the same 404 for foreign and unknown cases
        return cases.change(caseNumber, change).orElseThrow(() -> new NotFoundException("case-not-found", caseNumber));
    }

    public Case find(String caseNumber, Actor actor) {
        return cases.byCaseNumber(caseNumber)
                .filter(c -> actor.canSee(c.enterprise(), c.district()))
                .orElseThrow(() -> new NotFoundException("case-not-found", caseNumber));
    }
}
