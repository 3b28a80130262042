package cn.unionhub.membercard.merchant.store;

import cn.unionhub.membercard.merchant.domain.Merchant;
import cn.unionhub.platform.store.IdLists;
import cn.unionhub.platform.store.RequestKeys;
import cn.unionhub.platform.store.Sequences;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/** Merchants ({@code merchants}), numbered per district by an atomic counter, so a number is never given twice. */
@Repository
public class Merchants {

    @org.springframework.data.mongodb.core.mapping.Document("merchants")
    static class MerchantDocument {
        @Id
        String id;
        Merchant merchant;
    }

    /**
     * Merchants as last read, for a while: every request of a till reads its merchant (each
     * redemption twice: the hold and the payment), and a merchant does not change once registered —
     * nothing here writes one again. Should closing a merchant come (its status is in the record),
     * the bound below is how long another instance's tills may still use it: half a minute.
     */
    private static final Duration KEPT = Duration.ofSeconds(30);
    private final Cache<String, Merchant> recent = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(KEPT).build();
    private final MongoTemplate mongo;
    private final RequestKeys registrationKeys;
    private final Sequences numbers;
    /** Each district's merchants ({@code <district>}): the list members and unions read is a key read. */
    private final IdLists lists;

    Merchants(MongoTemplate mongo) {
        this.mongo = mongo;
        this.numbers = new Sequences(mongo, "merchant_numbers");
        this.registrationKeys = new RequestKeys(mongo, "merchant_registration_keys");
        this.lists = new IdLists(mongo, "merchant_lists");
    }

    /** Registrations asked with an {@code Idempotency-Key}: a retry finds its merchant. */
    public RequestKeys registrationKeys() {
        return registrationKeys;
    }

    public long nextNumber(String district) {
        return numbers.next(district);
    }

    /** Stores the merchant, listed in its district first (a stop in between lists an id that names nothing yet). */
    public void insert(Merchant merchant) {
        lists.add(merchant.district(), merchant.id());
        MerchantDocument d = new MerchantDocument();
        d.id = merchant.id();
        d.merchant = merchant;
        mongo.insert(d);
    }

    /** The district's merchants, in the order they were registered. */
    public List<Merchant> ofDistrict(String district) {
        List<String> ids = lists.ids(district);
        if (ids.isEmpty()) {
            return List.of();
        }
        java.util.Map<String, Merchant> found = new java.util.HashMap<>();
        mongo.find(new org.springframework.data.mongodb.core.query.Query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").in(ids)), MerchantDocument.class)
                .forEach(d -> found.put(d.id, d.merchant));
        return ids.stream().map(found::get).filter(m -> m != null && district.equals(m.district())).toList();
    }

    /** The merchant; one not (yet) registered is looked for again on every call. */
    public Optional<Merchant> find(String id) {
        Merchant known = recent.getIfPresent(id);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Merchant> found = Optional.ofNullable(mongo.findById(id, MerchantDocument.class)).map(d -> d.merchant);
        found.ifPresent(m -> recent.put(id, m));
        return found;
    }
}
