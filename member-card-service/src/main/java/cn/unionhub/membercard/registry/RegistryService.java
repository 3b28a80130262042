package cn.unionhub.membercard.registry;

import cn.unionhub.membercard.registry.domain.EnterpriseForm;
import cn.unionhub.membercard.registry.domain.Organisation;
import cn.unionhub.membercard.registry.domain.OrganisationKind;
import cn.unionhub.membercard.registry.domain.UnionForm;
import cn.unionhub.membercard.registry.store.Organisations;
import cn.unionhub.platform.domain.ConflictException;
import cn.unionhub.platform.domain.NotFoundException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Single-record edits of the register, with who may make them: the city union (ADMIN) everywhere,
 * a district union in its own district, an enterprise union only its own union's chair details.
 * Bulk imports go through {@code EnterpriseImporter}; both end in the same records and events.
 */
@Service
public class RegistryService {

    private final Organisations organisations;
    private final EnterpriseUnions unions;
    private final MongoTemplate mongo;
    private final Clock clock;

    RegistryService(Organisations organisations, EnterpriseUnions unions, MongoTemplate mongo, Clock clock) {
        this.organisations = organisations;
        this.unions = unions;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Result of a registration: the record, and whether this call created it (201) or found it (200). */
    public record Registered(Organisation organisation, boolean created) {
    }

    public Registered registerEnterprise(EnterpriseForm form, Actor actor) {
        Organisation enterprise = checked(form);
        requireArea(actor, enterprise.district(), "district");
        if (!actor.has(Role.ADMIN)) {
            anotherServedCity(enterprise, organisations).ifPresent(wrong -> {
                throw new RuleViolationException("invalid-organisation", List.of(wrong));
            });
        }
        Organisation.Registration registration = enterprise.register(clock.instant());
        if (organisations.registerAll(List.of(registration)).isEmpty()) {
            // Registered already: a deregistered one is said so (a change is refused too), any other is changed instead.
            throw new ConflictException(organisations.find(enterprise.id()).filter(Organisation::isDeregistered).isPresent()
                    ? "enterprise-deregistered" : "enterprise-already-registered", enterprise.id());
        }
        return new Registered(registration.organisation(), true);
    }

    /**
     * Changes an enterprise's facts (PUT): the same rules as registering; its USCC never changes. What the form leaves out
     * (null) stays as it is — an address, industry, size or status — and a closed enterprise keeps why it was closed
     * unless the form says 吊销 or 注销 (a PUT without them cleared the address and turned 破产清算 into 注销).
     */
    public Organisation updateEnterprise(String uscc, EnterpriseForm form, Actor actor) {
        Organisation current = visibleEnterprise(uscc, actor);
        Organisation proposed = checked(new EnterpriseForm(uscc, form.name(), form.district(),
                form.industry() == null ? current.industry() : form.industry(),
                form.size() == null && current.sizeBand() != null ? current.sizeBand().name() : form.size(),
                form.address() == null ? current.address() : form.address(),
                form.status() == null ? current.status().name() : form.status()));
        if (current.closedReason() != null && proposed.status() == Organisation.Status.CLOSED
                && (form.status() == null || !EnterpriseForm.CLOSING_WORDS.contains(form.status().strip()))) {
            proposed = proposed.closedBecause(current.closedReason());
        }
        requireArea(actor, proposed.district(), "district");
        // A deregistered enterprise is not reopened (Organisation.changeTo: 409 enterprise-deregistered).
        Organisation after = current.changeTo(proposed, clock.instant()).map(organisations::save).orElse(current);
        unions.follow(current, after);
        return after;
    }

    /** The longest reason a closure keeps (the closure event carries it). */
    static final int MAX_CLOSED_REASON = 200;

    /**
     * Closes an enterprise, and its own union with it (基层工会随企业注销): it enrolled new members and registered again as if
     * nothing had happened (exploratory test, 2026-12-05). Its members stay on the roll, in the closed union, until their
     * union moves them (会籍转接) or they leave; their cards stay as they are.
     */
    public Organisation closeEnterprise(String uscc, String reason, Actor actor) {
        Organisation current = visibleEnterprise(uscc, actor);
        if (reason != null && reason.strip().length() > MAX_CLOSED_REASON) {
            throw new RuleViolationException("invalid-organisation", List.of(new FieldViolation("reason", "too-long", MAX_CLOSED_REASON)));
        }
        String why = reason == null || reason.isBlank() ? Organisation.DEREGISTERED : reason.strip();
        Organisation closed = current.close(why, clock.instant()).map(organisations::save).orElse(current);
        unions.follow(current, closed);
        return closed;
    }

    /** An enterprise as staff may see it: a district union only its district's, an enterprise union only its own. */
    public Organisation visibleEnterprise(String uscc, Actor actor) {
        return organisations.find(uscc == null ? "" : uscc.toUpperCase())
                .filter(o -> o.kind() == OrganisationKind.ENTERPRISE)
                .filter(o -> actor.canSee(o.id(), o.district()) || actor.has(Role.WORKER))
                .orElseThrow(() -> new NotFoundException("organisation-not-found", uscc));
    }

    public Organisation visibleUnion(String id, Actor actor) {
        return organisations.find(id).filter(o -> o.kind().isUnion())
                .filter(o -> actor.canSee(enterpriseOf(o), o.district()))
                .orElseThrow(() -> new NotFoundException("organisation-not-found", id));
    }

    public Registered registerUnion(UnionForm form, Actor actor) {
        UnionForm.Checked checked = form.check(organisations);
        if (!checked.violations().isEmpty()) {
            throw new RuleViolationException("invalid-organisation", checked.violations());
        }
        Organisation union = checked.union();
        requireArea(actor, union.district(), union.kind() == OrganisationKind.GRASSROOTS_UNION ? "enterprise" : "district");
        String id = union.kind() == OrganisationKind.GRASSROOTS_UNION ? union.id() : jointUnionId(union);
        Optional<Organisation> known = organisations.find(id);
        if (known.isPresent()) {
            return new Registered(known.get(), false);
        }
        Organisation numbered = new Organisation(id, union.kind(), union.name(), union.district(), union.parent(), null,
                union.industry(), null, null, union.chair(), union.status(), null, 0);
        boolean created = !organisations.registerAll(List.of(numbered.register(clock.instant()))).isEmpty();
        return new Registered(organisations.find(id).orElseThrow(), created);
    }

    /** A joint union by its district and name, as enrolment files name it. */
    public Optional<Organisation> jointUnion(String district, String name) {
        return Optional.ofNullable(mongo.findById("joint:" + district + ":" + name, Document.class, "organisation_keys"))
                .flatMap(key -> organisations.find(key.getString("organisation")));
    }

    /**
     * A joint union is known by its district and name: registering the same one again finds its
     * number instead of making a second union. The name key is written first, so a crash before
     * the union is written leaves a number the next attempt completes, never two unions.
     */
    private String jointUnionId(Organisation union) {
        String key = "joint:" + union.district() + ":" + union.name();
        Document existing = mongo.findById(key, Document.class, "organisation_keys");
        if (existing != null) {
            return existing.getString("organisation");
        }
        Document counter = mongo.findAndModify(new Query(Criteria.where("_id").is("joint:" + union.district())),
                new Update().inc("next", 1), FindAndModifyOptions.options().upsert(true).returnNew(true),
                Document.class, "organisation_counters");
        String id = String.format("LH-%s-%04d", union.district(), ((Number) counter.get("next")).intValue());
        try {
            mongo.insert(new Document("_id", key).append("organisation", id), "organisation_keys");
            return id;
        } catch (DuplicateKeyException raced) {
            return mongo.findById(key, Document.class, "organisation_keys").getString("organisation");
        }
    }

    private Organisation checked(EnterpriseForm form) {
        EnterpriseForm.Checked checked = form.check(organisations);
        if (!checked.ok()) {
            throw new RuleViolationException("invalid-organisation", checked.violations());
        }
        return checked.organisation();
    }

    /**
     * Registering and editing are for the city union in its city (anywhere, when its claims name no city: an
     * installation for one city) and a district union in its own district — or a city's office in its districts.
     */
    /**
     * An enterprise whose credit code was issued in another city this platform serves is that city's to register: 青岛's
     * district union registered a 宁波 code first, and 宁波 could neither register nor see it (exploratory test,
     * 2026-12-05). A move across cities is the administrators' to record; a code of a city not served here is anyone's.
     */
    public static Optional<FieldViolation> anotherServedCity(Organisation enterprise, cn.unionhub.membercard.registry.domain.DivisionLookup divisions) {
        return cn.unionhub.security.Divisions.ofCreditCode(enterprise.id())
                .filter(home -> !home.regionMatches(0, enterprise.district(), 0, 4))
                .filter(home -> divisions.division(home).isPresent())
                .map(home -> new FieldViolation("uscc", "uscc-of-another-city", home));
    }

    static void requireArea(Actor actor, String district, String field) {
        if (actor.has(Role.ADMIN) || actor.isUnionOver(district)) {
            return; // the city union imports its city's enterprises (ImportController), so it edits them too
        }
        throw new RuleViolationException("invalid-organisation", List.of(new FieldViolation(field, "outside-your-area")));
    }

    static String enterpriseOf(Organisation union) {
        return union.kind() == OrganisationKind.GRASSROOTS_UNION && union.id().startsWith("GH-") ? union.id().substring(3) : null;
    }
}
