package cn.unionhub.alert.registry.store;

import cn.unionhub.alert.registry.domain.DistrictNames;
import cn.unionhub.platform.store.RegisteredDivisions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/** The register's divisions as this service keeps them: every new warning names who it is pushed to by district. */
@Repository
public class Divisions extends RegisteredDivisions implements DistrictNames {

    Divisions(MongoTemplate mongo) {
        super(mongo);
    }
}
