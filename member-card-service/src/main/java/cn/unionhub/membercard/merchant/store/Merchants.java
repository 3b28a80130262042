package cn.unionhub.membercard.merchant.store;

import cn.unionhub.membercard.merchant.domain.Merchant;
import cn.unionhub.platform.store.Sequences;
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

    private final MongoTemplate mongo;
    private final Sequences numbers;

    Merchants(MongoTemplate mongo) {
        this.mongo = mongo;
        this.numbers = new Sequences(mongo, "merchant_numbers");
    }

    public long nextNumber(String district) {
        return numbers.next(district);
    }

    public void insert(Merchant merchant) {
        MerchantDocument d = new MerchantDocument();
        d.id = merchant.id();
        d.merchant = merchant;
        mongo.insert(d);
    }

    public Optional<Merchant> find(String id) {
        return Optional.ofNullable(mongo.findById(id, MerchantDocument.class)).map(d -> d.merchant);
    }
}
