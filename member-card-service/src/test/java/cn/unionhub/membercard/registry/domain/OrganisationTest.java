package cn.unionhub.membercard.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import cn.unionhub.events.membercard.OrganisationClosed;
import cn.unionhub.events.membercard.OrganisationRegistered;
import cn.unionhub.events.membercard.OrganisationUpdated;
import cn.unionhub.membercard.registry.domain.OrganisationKind.Level;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrganisationTest {

    static final Instant NOW = Instant.parse("2026-11-29T02:00:00Z");
    static final Organisation ZHENHAI = new Organisation("330211", OrganisationKind.DIVISION, "镇海区", "330211", "330200",
            Level.DISTRICT, null, null, null, null, Organisation.Status.ACTIVE, null, 1);
    static final Organisation STREET = new Organisation("330211001", OrganisationKind.DIVISION, "招宝山街道", "330211",
            "330211", Level.STREET, null, null, null, null, Organisation.Status.ACTIVE, null, 1);
    static final DivisionLookup DIVISIONS = code -> Optional.ofNullable(Map.of("330211", ZHENHAI, "330211001", STREET).get(code));

    static EnterpriseForm fude() {
        return new EnterpriseForm("91330211MA2H3K5Q1G", "宁波富德能源有限公司", "330211", "D", "大型", "澥浦镇", null);
    }

    @Test
    void aValidFormIsAnActiveEnterpriseWithItsSectionAndBand() {
        EnterpriseForm.Checked checked = fude().check(DIVISIONS);
        assertThat(checked.violations()).isEmpty();
        Organisation o = checked.organisation();
        assertThat(o.kind()).isEqualTo(OrganisationKind.ENTERPRISE);
        assertThat(o.industry()).isEqualTo("D");
        assertThat(o.sizeBand()).isEqualTo(SizeBand.LARGE);
        assertThat(o.status()).isEqualTo(Organisation.Status.ACTIVE);
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        EnterpriseForm.Checked checked = new EnterpriseForm("91330211MA2H3K5Q1H", "", "999999", "Z", "巨型", null, "歇业")
                .check(DIVISIONS);
        assertThat(checked.ok()).isFalse();
        assertThat(checked.violations()).extracting(v -> v.field() + ":" + v.code()).containsExactlyInAnyOrder(
                "uscc:uscc", "name:required", "district:unknown-district", "industry:unknown-industry", "size:unknown",
                "status:unknown");
    }

    @Test
    void aStreetIsNotADistrict() {
        EnterpriseForm form = new EnterpriseForm("91330211MA2H3K5Q1G", "宁波富德能源有限公司", "330211001", null, null, null, null);
        assertThat(form.check(DIVISIONS).violations()).extracting(v -> v.code()).containsExactly("unknown-district");
    }

    @Test
    void registeringStartsAtRevisionOneAndAnnouncesTheWholeRecord() {
        Organisation.Registration r = fude().check(DIVISIONS).organisation().register(NOW);
        assertThat(r.organisation().revision()).isEqualTo(1);
        assertThat(r.events()).singleElement().isInstanceOfSatisfying(OrganisationRegistered.class, e -> {
            assertThat(e.organisationId()).isEqualTo("91330211MA2H3K5Q1G");
            assertThat(e.industry()).isEqualTo("D");
            assertThat(e.sizeBand()).isEqualTo("LARGE");
            assertThat(e.district()).isEqualTo("330211");
            assertThat(e.revision()).isEqualTo(1);
        });
    }

    @Test
    void theSameFactsAgainChangeNothingAndAnnounceNothing() {
        Organisation registered = fude().check(DIVISIONS).organisation().register(NOW).organisation();
        assertThat(registered.changeTo(fude().check(DIVISIONS).organisation(), NOW)).isEmpty();
    }

    @Test
    void aChangedFactIsTheNextRevisionAndAnUpdate() {
        Organisation registered = fude().check(DIVISIONS).organisation().register(NOW).organisation();
        EnterpriseForm moved = new EnterpriseForm("91330211MA2H3K5Q1G", "宁波富德能源有限公司", "330211", "D", "MEDIUM", "澥浦镇", null);
        Organisation.Registration change = registered.changeTo(moved.check(DIVISIONS).organisation(), NOW).orElseThrow();
        assertThat(change.organisation().revision()).isEqualTo(2);
        assertThat(change.events()).singleElement().isInstanceOfSatisfying(OrganisationUpdated.class,
                e -> assertThat(e.sizeBand()).isEqualTo("MEDIUM"));
    }

    @Test
    void closingKeepsTheRecordAndAnnouncesTheClosureOnce() {
        Organisation registered = fude().check(DIVISIONS).organisation().register(NOW).organisation();
        Organisation.Registration closed = registered.close("吊销营业执照", NOW).orElseThrow();
        assertThat(closed.organisation().status()).isEqualTo(Organisation.Status.CLOSED);
        assertThat(closed.events()).singleElement().isInstanceOfSatisfying(OrganisationClosed.class, e -> {
            assertThat(e.reason()).isEqualTo("吊销营业执照");
            assertThat(e.revision()).isEqualTo(2);
        });
        assertThat(closed.organisation().close("again", NOW)).isEmpty();
    }
}
