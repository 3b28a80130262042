package cn.unionhub.feedback.registry.store;

import cn.unionhub.feedback.registry.domain.EnterpriseDirectory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/** The register's enterprises as this service keeps them: submissions and enterprise pages look enterprises up here. */
@Repository
public class RegisteredEnterprises extends cn.unionhub.platform.store.RegisteredEnterprises implements EnterpriseDirectory {

    RegisteredEnterprises(MongoTemplate mongo) {
        super(mongo);
    }
}
