package cn.unionhub.membercard.card.domain;

import static cn.unionhub.membercard.card.domain.CardFixtures.ZHANG_WEI;
import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.security.Actor;
import cn.unionhub.test.People;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CardAccessTest {

    @Test
    void theMembersEnterpriseUnionDistrictUnionAndAdministratorsManageTheCard() {
        assertThat(CardAccess.of(actor(People.CHAIR_FUDE), ZHANG_WEI)).isEqualTo(CardAccess.MANAGER);
        assertThat(CardAccess.of(actor(People.DISTRICT_ZHENHAI), ZHANG_WEI)).isEqualTo(CardAccess.MANAGER);
        assertThat(CardAccess.of(actor(People.ADMIN), ZHANG_WEI)).isEqualTo(CardAccess.MANAGER);
        assertThat(CardAccess.of(actor(People.ADMIN), null)).as("even a member gone from the register").isEqualTo(CardAccess.MANAGER);
    }

    @Test
    void theHolderActsOnTheirOwnCardAndSeesItsNumber() {
        CardAccess access = CardAccess.of(actor(People.WORKER_ZHANG_WEI), ZHANG_WEI);
        assertThat(access).isEqualTo(CardAccess.HOLDER);
        assertThat(access.seesFullNumber()).isTrue();
        assertThat(access.party()).isEqualTo(Card.Party.HOLDER);
    }

    @Test
    void governmentSystemsOnlyReadAndSeeTheNumberMasked() {
        CardAccess access = CardAccess.of(actor(People.LABOR_INSPECTION), ZHANG_WEI);
        assertThat(access).isEqualTo(CardAccess.OBSERVER);
        assertThat(access.sees()).isTrue();
        assertThat(access.acts()).isFalse();
        assertThat(access.seesFullNumber()).isFalse();
    }

    @Test
    void neighboursOtherWorkersAndHandlersDoNotKnowTheCardExists() {
        for (People outsider : new People[] {People.CHAIR_BEILUN, People.DISTRICT_BEILUN, People.WORKER_LI_NA,
            People.HANDLER_MEDIATOR}) {
            assertThat(CardAccess.of(actor(outsider), ZHANG_WEI)).as(outsider.name()).isEqualTo(CardAccess.NONE);
        }
        assertThat(CardAccess.of(actor(People.CHAIR_FUDE), null)).isEqualTo(CardAccess.NONE);
    }

    @Test
    void aMemberWithoutEnterpriseIsManagedByTheirDistrictOnly() {
        Holder courier = new Holder("M5KD2R8T4V6XZ", "worker-courier", "U0JOINT0UN001", null, People.Districts.ZHENHAI, true);
        Actor chairWithoutEnterprise = new Actor("chair-x", Set.of(cn.unionhub.security.Role.ENTERPRISE_UNION), null, null);
        assertThat(CardAccess.of(chairWithoutEnterprise, courier)).isEqualTo(CardAccess.NONE);
        assertThat(CardAccess.of(actor(People.DISTRICT_ZHENHAI), courier)).isEqualTo(CardAccess.MANAGER);
    }

    private static Actor actor(People p) {
        return new Actor(p.subject(), Set.of(p.role()), p.enterprise(), p.district());
    }
}
