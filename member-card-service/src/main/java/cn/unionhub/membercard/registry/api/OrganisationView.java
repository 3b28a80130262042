package cn.unionhub.membercard.registry.api;

import cn.unionhub.membercard.registry.domain.Industries;
import cn.unionhub.membercard.registry.domain.Organisation;
import cn.unionhub.platform.identity.Masking;

/**
 * A register record as the API shows it. The chair's phone is shown in full only to those who
 * manage the organisation; everyone else sees it masked.
 */
record OrganisationView(String id, String kind, String name, String district, String parent, String level,
        String industry, String industryName, String sizeBand, String address, String chairName, String chairMobile,
        String status, String closedReason, long revision) {

    static OrganisationView of(Organisation o, boolean manager) {
        String mobile = o.chair() == null ? null : manager ? o.chair().mobile() : Masking.mobile(o.chair().mobile());
        return new OrganisationView(o.id(), o.kind().name(), o.name(), o.district(), o.parent(),
                o.level() == null ? null : o.level().name(), o.industry(),
                o.kind().name().equals("ENTERPRISE") ? Industries.name(o.industry()) : null,
                o.sizeBand() == null ? null : o.sizeBand().name(), o.address(),
                o.chair() == null ? null : o.chair().name(), mobile, o.status().name(), o.closedReason(), o.revision());
    }
}
