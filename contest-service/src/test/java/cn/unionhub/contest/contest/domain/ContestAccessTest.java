package cn.unionhub.contest.contest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An enterprise's union runs its own enterprise contest, in its own county: the prizes come from that region's fund. */
class ContestAccessTest {

    private static final String SHIGANG = "91130100MA0CX0001A";
    private static final Actor SHIGANG_UNION = new Actor("union-shigang", Set.of(Role.ENTERPRISE_UNION), SHIGANG, "130102");

    @Test
    void anEnterpriseUnionRunsItsOwnContestInItsOwnCountyOnly() {
        assertThat(ContestAccess.mayRun(SHIGANG_UNION, Tier.ENTERPRISE, new Region("130102"), SHIGANG)).isTrue();
        assertThat(ContestAccess.mayRun(SHIGANG_UNION, Tier.ENTERPRISE, new Region("370212"), SHIGANG))
                .as("another region, whose fund would pay the prizes").isFalse();
        assertThat(ContestAccess.mayRun(SHIGANG_UNION, Tier.ENTERPRISE, new Region("130100"), SHIGANG)).as("its city").isFalse();
        assertThat(ContestAccess.mayRun(SHIGANG_UNION, Tier.ENTERPRISE, new Region("130102"), "91130100MA0CX0002B"))
                .as("another enterprise's").isFalse();
        assertThat(ContestAccess.mayRun(SHIGANG_UNION, Tier.COUNTY, new Region("130102"), SHIGANG)).isFalse();
        Actor noDistrict = new Actor("union-shigang", Set.of(Role.ENTERPRISE_UNION), SHIGANG, null);
        assertThat(ContestAccess.mayRun(noDistrict, Tier.ENTERPRISE, new Region("130102"), SHIGANG)).isFalse();
    }
}
