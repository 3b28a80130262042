package cn.unionhub.contest.registration.api;

import cn.unionhub.contest.registration.RegistrationService;
import cn.unionhub.contest.registration.domain.Channel;
import cn.unionhub.contest.registration.domain.Employment;
import cn.unionhub.contest.registration.domain.Registration;
import cn.unionhub.contest.registration.store.Registrations;
import cn.unionhub.platform.domain.Choices;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.security.Actor;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Entering competitors for an event, and the office's decision on each entry. */
@RestController
class RegistrationController {

    private final RegistrationService registrations;

    RegistrationController(RegistrationService registrations) {
        this.registrations = registrations;
    }

    record EntryForm(String idNumber, String name, String enterprise, String enterpriseName, String employment, String channel,
            String submittedBy, String account) {
    }

    @PostMapping("/api/v1/contests/events/{eventId}/registrations")
    ResponseEntity<RegistrationView> register(@PathVariable String eventId, @RequestBody EntryForm form, Actor actor) {
        List<FieldViolation> wrong = new ArrayList<>();
        Employment employment = Choices.read(Employment.class, form.employment(), "competitor.employment", wrong);
        Channel channel = form.channel() == null ? null : Choices.read(Channel.class, form.channel(), "channel", wrong);
        if (!wrong.isEmpty()) {
            throw new RuleViolationException("invalid-registration", wrong);
        }
        Registrations.Kept entered = registrations.register(eventId, new RegistrationService.Entry(form.idNumber(), form.name(),
                form.enterprise(), form.enterpriseName(), employment, channel, form.submittedBy(), form.account()), actor);
        return ResponseEntity.created(URI.create("/api/v1/contests/registrations/" + entered.registration().id()))
                .body(RegistrationView.of(entered));
    }

    @GetMapping("/api/v1/contests/events/{eventId}/registrations")
    List<RegistrationView> ofEvent(@PathVariable String eventId, Actor actor) {
        return registrations.ofEvent(eventId, actor).stream().map(RegistrationView::of).toList();
    }

    @GetMapping("/api/v1/contests/registrations/mine")
    List<RegistrationView> mine(Actor actor) {
        return registrations.mine(actor).stream().map(RegistrationView::of).toList();
    }

    @GetMapping("/api/v1/contests/registrations/{id}")
    RegistrationView registration(@PathVariable String id, Actor actor) {
        return RegistrationView.of(registrations.find(id, actor));
    }

    @PostMapping("/api/v1/contests/registrations/{id}/approval")
    RegistrationView approve(@PathVariable String id, Actor actor) {
        return RegistrationView.of(registrations.approve(id, actor));
    }

    record Reason(String reason) {
    }

    @PostMapping("/api/v1/contests/registrations/{id}/rejection")
    RegistrationView reject(@PathVariable String id, @RequestBody Reason form, Actor actor) {
        return RegistrationView.of(registrations.reject(id, form.reason(), actor));
    }

    /** An entry as the office and the competitor see it: the id hash, never the identity number. */
    record RegistrationView(String id, String contestId, String eventId, String name, String enterprise, String enterpriseName,
            String employment, String channel, String submittedBy, String status, Instant submittedAt, String reason) {

        static RegistrationView of(Registrations.Kept kept) {
            Registration r = kept.registration();
            return new RegistrationView(r.id(), r.contestId(), r.eventId(), r.competitor().name(), r.competitor().enterprise(),
                    r.competitor().enterpriseName(), r.competitor().employment().name(), r.channel().name(), r.submittedBy(),
                    r.status().name(), r.submittedAt(), r.decision() == null ? null : r.decision().reason());
        }
    }
}
