package cn.unionhub.cases.registry.store;

import cn.unionhub.cases.casework.domain.DistrictNames;
import cn.unionhub.platform.store.RegisteredDivisions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/** The register's divisions as this service keeps them: routing and escalation name a division for every case. */
@Repository
public class Divisions extends RegisteredDivisions implements DistrictNames {

    Divisions(MongoTemplate mongo) {
        super(mongo);
    }
}
