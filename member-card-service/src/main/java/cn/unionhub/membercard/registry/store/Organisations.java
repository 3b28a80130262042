package cn.unionhub.membercard.registry.store;

import cn.unionhub.membercard.registry.domain.UnionForm;
import cn.unionhub.membercard.registry.domain.Organisation;
import cn.unionhub.membercard.registry.domain.OrganisationKind;
import cn.unionhub.platform.events.AggregateStore;
import cn.unionhub.platform.store.Filters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * The register's organisations in MongoDB, each written with its events in one write. Every
 * lookup on a request or import path is by {@code _id} (one or a batch with {@code $in}), so the
 * cost per record does not grow with the 350,000 enterprises of a city. Divisions — a few thousand
 * at most — are also kept in memory, because every imported row checks its district.
 */
@Repository
public class Organisations implements UnionForm.Lookup {

    static final String COLLECTION = "organisations";

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final Map<String, Organisation> divisions = new ConcurrentHashMap<>();

    Organisations(MongoTemplate mongo, AggregateStore store) {
        this.mongo = mongo;
        this.store = store;
    }

    @Override
    public Optional<Organisation> find(String id) {
        return Optional.ofNullable(mongo.findById(id, OrganisationDocument.class)).map(OrganisationDocument::toDomain);
    }

    /** The records with these ids, by id; one query. */
    public Map<String, Organisation> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return mongo.find(new Query(Criteria.where("_id").in(ids)), OrganisationDocument.class).stream()
                .map(OrganisationDocument::toDomain).collect(Collectors.toMap(Organisation::id, Function.identity()));
    }

    /** Registers new records in one bulk write; those whose id exists already are left alone and not returned. */
    public Set<Object> registerAll(List<Organisation.Registration> registrations) {
        Set<Object> inserted = store.insertAll(
                registrations.stream().map(r -> OrganisationDocument.of(r.organisation())).toList(),
                registrations.stream().map(Organisation.Registration::events).toList());
        registrations.stream().map(Organisation.Registration::organisation)
                .filter(o -> inserted.contains(o.id())).forEach(this::remember);
        return inserted;
    }

    /** What {@link #reconcile} did with a batch; {@code refused}: the ids of records the caller may not change. */
    /**
     * @param refused     the records left alone, each with why (a problem code: outside-your-area, enterprise-deregistered)
     * @param transitions each changed record as it was and as it is now (an enterprise's union follows its status)
     */
    public record Reconciled(int created, int updated, int unchanged, Map<String, String> refused, List<Transition> transitions) {
    }

    /** A record before and after a change. */
    public record Transition(Organisation before, Organisation after) {
    }

    /**
     * Makes the register hold these records as given, a batch at a time: one read of the existing
     * ones by {@code _id}, one bulk insert of the new ones, one write per changed one; a record equal
     * to the register changes nothing and announces nothing. Imports and reference data both come here.
     */
    public Reconciled reconcile(List<Organisation> batch, Instant now) {
        return reconcile(batch, now, known -> true);
    }

    /**
     * As {@link #reconcile(List, Instant)}, leaving alone (and naming) the registered records the
     * caller may not change: a district's import must not rename, close or move another district's
     * enterprise by naming its USCC with the importer's own district.
     */
    public Reconciled reconcile(List<Organisation> batch, Instant now, Predicate<Organisation> mayChange) {
        return reconcile(batch, now, mayChange, (known, wanted) -> wanted);
    }

    /**
     * As {@link #reconcile(List, Instant, Predicate)}, each wanted record first completed from the one on
     * file ({@code complete.apply(known, wanted)}): a file without a column leaves that field as registered.
     */
    public Reconciled reconcile(List<Organisation> batch, Instant now, Predicate<Organisation> mayChange,
            java.util.function.BinaryOperator<Organisation> complete) {
        Map<String, Organisation> existing = findAll(batch.stream().map(Organisation::id).toList());
        List<Organisation.Registration> fresh = new ArrayList<>();
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        List<Transition> transitions = new ArrayList<>();
        int updated = 0;
        for (Organisation wanted : batch) {
            Organisation known = existing.get(wanted.id());
            if (known == null) {
                fresh.add(wanted.register(now));
            } else if (!mayChange.test(known)) {
                refused.put(known.id(), "outside-your-area");
            } else {
                // How a start learns its divisions (the reference file names them all): no read of a whole kind.
                remember(known);
                Optional<Organisation.Registration> change;
                try {
                    change = known.changeTo(complete.apply(known, wanted), now);
                } catch (cn.unionhub.platform.domain.DomainException notThisChange) {
                    refused.put(known.id(), notThisChange.code()); // a deregistered enterprise the file calls 存续
                    continue;
                }
                if (change.isPresent()) {
                    transitions.add(new Transition(known, save(change.get())));
                    updated++;
                }
            }
        }
        int created = registerAll(fresh).size();
        // Registered by someone else between the read and the write: the register holds it either way.
        return new Reconciled(created, updated, batch.size() - created - updated - refused.size(), refused, transitions);
    }

    /** Writes a change made to a record loaded at {@code change.organisation().revision() - 1}. */
    public Organisation save(Organisation.Registration change) {
        OrganisationDocument written = store.update(OrganisationDocument.of(change.organisation()).previousVersion(),
                change.events());
        Organisation saved = written.toDomain();
        remember(saved);
        return saved;
    }

    @Override
    public Optional<Organisation> division(String code) {
        Organisation known = divisions.get(code);
        if (known != null) {
            return Optional.of(known);
        }
        // Another instance may have registered it since this one started.
        return find(code).filter(o -> o.kind() == OrganisationKind.DIVISION).map(o -> {
            remember(o);
            return o;
        });
    }

    /** Every division, for the code list; from memory. */
    public List<Organisation> divisions() {
        return divisions.values().stream().sorted(Comparator.comparing(Organisation::id)).toList();
    }

    /**
     * A page of one kind of record in one division (a district, or every district of a city or province), for staff lists. On real MongoDB the compound
     * index serves it; the embedded store scans (it ignores non-unique indexes), which is acceptable
     * for a person paging a list, never for a per-event path.
     */
    public List<Organisation> page(OrganisationKind kind, String division, int page, int size) {
        Query query = new Query(Filters.equal("kind", kind, "district", Filters.within(division)));
        return mongo.find(Filters.page(query.with(Sort.by("_id")), page, size), OrganisationDocument.class)
                .stream().map(OrganisationDocument::toDomain).toList();
    }

    private void remember(Organisation o) {
        if (o.kind() == OrganisationKind.DIVISION) {
            divisions.put(o.id(), o);
        }
    }
}
