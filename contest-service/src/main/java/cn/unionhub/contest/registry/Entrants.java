package cn.unionhub.contest.registry;

import cn.unionhub.contest.registry.domain.Register;
import cn.unionhub.contest.registry.domain.RegisteredMember;
import cn.unionhub.platform.domain.ForbiddenException;
import cn.unionhub.platform.domain.RuleViolationException;
import cn.unionhub.platform.domain.RuleViolationException.FieldViolation;
import cn.unionhub.platform.identity.Pseudonyms;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who a contest entry or a craftsman nomination is for, checked against the register (the service's
 * copy of it): a worker acts only as the member their account is linked to (the register checked
 * their number and name when they linked it), an enterprise union only for a current member of its
 * own union; the contest office for anyone (associations' lists, registered or not). Otherwise anyone
 * could enter under another person's identity number, and the real person would then be told they
 * had entered already. The person's account — who may follow the entry — is the register's, never a
 * form's, except that an administrator moving an old list over may name one for someone the register
 * does not know.
 */
@Component
public class Entrants {

    /** The employer a form names, and how to refuse it: the problem type and the field. */
    public record Employer(String enterprise, String problem, String field) {
    }

    /** How the caller acts: for themselves, for their enterprise union's members, or as the office. */
    public enum Acting {
        SELF, ENTERPRISE_UNION, OFFICE;

        public static Acting of(Actor actor) {
            return actor.has(Role.WORKER) ? SELF : actor.has(Role.ENTERPRISE_UNION) ? ENTERPRISE_UNION : OFFICE;
        }
    }

    private final Pseudonyms pseudonyms;
    private final Register register;

    Entrants(Pseudonyms pseudonyms, Register register) {
        this.pseudonyms = pseudonyms;
        this.register = register;
    }

    /** The keyed hash of an identity number, as member-card-service makes it: the only form the service keeps. */
    public String idHash(String idNumber) {
        return pseudonyms.of("resident-id:" + idNumber.toUpperCase(Locale.ROOT));
    }

    /**
     * The account the person {@code idHash} follows the entry with; 403 {@code entry-not-your-identity} for a
     * worker acting for anyone but their linked member, 403 {@code not-your-employee} for an enterprise union
     * acting for anyone but a current member of its union.
     */
    public String accountOf(String idHash, Actor actor, String formAccount, Employer named) {
        return accountOf(idHash, actor, formAccount, named, null);
    }

    /**
     * As above, for a contest of {@code region}: a worker or an enterprise union enters a member of that region only (the
     * register's district of the member) — 北仑's worker went into 镇海's county contest, and on to the city on 镇海's
     * quota (exploratory test, 2026-12-05). The office may enter anyone (an association's list).
     */
    public String accountOf(String idHash, Actor actor, String formAccount, Employer named, cn.unionhub.contest.contest.domain.Region region) {
        Optional<RegisteredMember> member = register.member(idHash);
        if (region != null && Acting.of(actor) != Acting.OFFICE) {
            member.map(RegisteredMember::district).filter(d -> !cn.unionhub.security.Divisions.contains(region.code(), d)).ifPresent(d -> {
                throw new RuleViolationException(named.problem(), List.of(new FieldViolation(named.field(), "outside-contest-region",
                        d, region.code())));
            });
        }
        String account = switch (Acting.of(actor)) {
            case SELF -> {
                if (member.filter(m -> m.linkedTo(actor.subject())).isEmpty()) {
                    throw new ForbiddenException("entry-not-your-identity");
                }
                yield actor.subject();
            }
            case ENTERPRISE_UNION -> member.filter(m -> m.employeeOf(actor.enterprise()))
                    .orElseThrow(() -> new ForbiddenException("not-your-employee")).account(); // null until they link one
            case OFFICE -> member.isPresent() ? member.get().account() : actor.has(Role.ADMIN) ? formAccount : null;
        };
        // A worker or an enterprise union names the employer the register has (when it has one: many joint-union
        // members have none): judges stand back from their own colleagues by it, and a worker of one enterprise
        // had entered as another's, out of reach of that rule.
        String registered = member.map(RegisteredMember::enterprise).orElse(null);
        if (Acting.of(actor) != Acting.OFFICE && registered != null && !registered.equals(named.enterprise())) {
            throw new RuleViolationException(named.problem(), List.of(new FieldViolation(named.field(), "not-the-registered-employer")));
        }
        return account;
    }
}
