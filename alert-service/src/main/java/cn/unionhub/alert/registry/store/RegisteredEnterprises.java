package cn.unionhub.alert.registry.store;

import cn.unionhub.alert.registry.domain.EnterpriseRegister;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/** The register's enterprises as this service keeps them: one read per assessment. */
@Repository
public class RegisteredEnterprises extends cn.unionhub.platform.store.RegisteredEnterprises implements EnterpriseRegister {

    RegisteredEnterprises(MongoTemplate mongo) {
        super(mongo);
    }
}
