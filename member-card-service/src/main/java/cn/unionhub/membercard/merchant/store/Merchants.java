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
    private static final String USCC_KEYS = "merchant_uscc_keys";
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

    /**
     * Claims the credit code in the district for the merchant (one merchant per business and district: a second
     * registration under another key made a second merchant with a receivable of its own); the merchant that holds it
     * otherwise. A claim left by a registration that stopped before its merchant was stored, or by a closed merchant, is
     * taken over.
     */
    public Optional<Merchant> claimUscc(String district, String uscc, String merchantId) {
        String key = district + "|" + uscc;
        try {
            mongo.insert(new org.bson.Document("_id", key).append("merchant", merchantId), USCC_KEYS);
            return Optional.empty();
        } catch (org.springframework.dao.DuplicateKeyException taken) {
            org.bson.Document holder = mongo.findById(key, org.bson.Document.class, USCC_KEYS);
            String holderId = holder == null ? null : holder.getString("merchant");
            if (merchantId.equals(holderId)) {
                return Optional.empty();
            }
            Optional<Merchant> other = holderId == null ? Optional.empty()
                    : Optional.ofNullable(mongo.findById(holderId, MerchantDocument.class)).map(d -> d.merchant).filter(Merchant::isActive);
            if (other.isPresent()) {
                return other;
            }
            mongo.save(new org.bson.Document("_id", key).append("merchant", merchantId), USCC_KEYS);
            return Optional.empty();
        }
    }

    /** Stores the merchant as it is now (closed), and forgets it here so this instance's tills stop at once. */
    public void replace(Merchant merchant) {
        MerchantDocument d = new MerchantDocument();
        d.id = merchant.id();
        d.merchant = merchant;
        mongo.save(d);
        recent.invalidate(merchant.id());
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
