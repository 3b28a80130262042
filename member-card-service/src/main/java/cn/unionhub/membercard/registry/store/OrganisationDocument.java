package cn.unionhub.membercard.registry.store;

import cn.unionhub.membercard.registry.domain.Chair;
import cn.unionhub.membercard.registry.domain.Organisation;
import cn.unionhub.membercard.registry.domain.OrganisationKind;
import cn.unionhub.membercard.registry.domain.SizeBand;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** An organisation as stored; {@code version + 1} is the record's revision. */
@Document(Organisations.COLLECTION)
@CompoundIndex(name = "kind_district", def = "{'kind': 1, 'district': 1, '_id': 1}")
class OrganisationDocument {
    @Id
    String id;
    @Version
    Long version;
    String kind;
    String name;
    String district;
    String parent;
    String level;
    String industry;
    String sizeBand;
    String address;
    String chairName;
    String chairMobile;
    String status;
    String closedReason;

    static OrganisationDocument of(Organisation o) {
        OrganisationDocument d = new OrganisationDocument();
        d.id = o.id();
        d.version = o.revision() == 0 ? null : o.revision() - 1;
        d.kind = o.kind().name();
        d.name = o.name();
        d.district = o.district();
        d.parent = o.parent();
        d.level = o.level() == null ? null : o.level().name();
        d.industry = o.industry();
        d.sizeBand = o.sizeBand() == null ? null : o.sizeBand().name();
        d.address = o.address();
        d.chairName = o.chair() == null ? null : o.chair().name();
        d.chairMobile = o.chair() == null ? null : o.chair().mobile();
        d.status = o.status().name();
        d.closedReason = o.closedReason();
        return d;
    }

    Organisation toDomain() {
        return new Organisation(id, OrganisationKind.valueOf(kind), name, district, parent,
                level == null ? null : OrganisationKind.Level.valueOf(level), industry,
                sizeBand == null ? null : SizeBand.valueOf(sizeBand), address,
                chairName == null ? null : new Chair(chairName, chairMobile), Organisation.Status.valueOf(status),
                closedReason, version == null ? 0 : version + 1);
    }

    /** The document as loaded before the change, so the store checks and bumps the version. */
    OrganisationDocument previousVersion() {
        version = version == null ? 0L : version - 1;
        return this;
    }
}
