package cn.unionhub.cases.registry.store;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/** The register's enterprises as case-service keeps them: the district and name a filed case must agree with. */
@Repository
public class RegisteredEnterprises extends cn.unionhub.platform.store.RegisteredEnterprises {

    RegisteredEnterprises(MongoTemplate mongo) {
        super(mongo);
    }
}
