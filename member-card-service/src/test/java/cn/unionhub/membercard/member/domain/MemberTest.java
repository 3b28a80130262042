package cn.unionhub.membercard.member.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.unionhub.events.membercard.MemberChanged;
import cn.unionhub.events.membercard.MemberEnrolled;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MemberTest {

    static final Instant JOINED = Instant.parse("2026-03-01T02:00:00Z");
    static final Instant MOVED = Instant.parse("2026-11-01T02:00:00Z");
    static final Member.Placement FUDE = new Member.Placement("GH-91330211MA2H3K5Q1G", "91330211MA2H3K5Q1G", "330211");
    static final Member.Placement COURIERS = new Member.Placement("LH-330211-0001", null, "330211");

    static Member enrolled() {
        return Member.enrol("M0123456789AB", "张伟", "hash", "3302**********1234", "13800000000", WorkerGroup.REGULAR,
                FUDE, null, JOINED).member();
    }

    /**
     * Where the worker belongs, and the keyed pseudonym of their identity number (contest-service checks an
     * entry's number against it; without the installation's key it names no one) — never their name, phone
     * or identity number, masked or not.
     */
    @Test
    void enrolmentAnnouncesWhereTheWorkerBelongsButNotWhoTheyAre() {
        String idHash = "psn_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        Member.Change change = Member.enrol("M0123456789AB", "张伟", idHash, "3302**********1234", "13800000000",
                WorkerGroup.GIG_WORKER, COURIERS, "worker-zhang-wei", JOINED);
        assertThat(change.events()).singleElement().isInstanceOfSatisfying(MemberEnrolled.class, e -> {
            assertThat(e.union()).isEqualTo("LH-330211-0001");
            assertThat(e.account()).isEqualTo("worker-zhang-wei");
            assertThat(e.idHash()).isEqualTo(idHash);
            assertThat(e.workerGroup()).isEqualTo("GIG_WORKER");
            assertThat(e.revision()).isEqualTo(1);
            assertThat(e.toString()).doesNotContain("张伟", "13800000000", "3302**********1234");
        });
    }

    @Test
    void aTransferKeepsTheHistoryWithWhenAndWhy() {
        Member moved = enrolled().transferTo(COURIERS, "转为快递员", MOVED).member();
        assertThat(moved.union()).isEqualTo("LH-330211-0001");
        assertThat(moved.enterprise()).isNull();
        assertThat(moved.revision()).isEqualTo(2);
        assertThat(moved.history()).containsExactly(
                new Member.Period(FUDE.union(), JOINED, MOVED, "转为快递员"),
                new Member.Period(COURIERS.union(), MOVED, null, "转为快递员"));
    }

    @Test
    void noTransferIntoTheSameUnionNorForAFormerMember() {
        assertThatThrownBy(() -> enrolled().transferTo(FUDE, "x", MOVED)).isInstanceOf(MemberRuleException.class);
        Member left = enrolled().leave("退会", MOVED).member();
        assertThat(left.status()).isEqualTo(Member.Status.LEFT);
        assertThatThrownBy(() -> left.transferTo(COURIERS, "x", MOVED)).isInstanceOf(MemberRuleException.class);
    }

    @Test
    void anAccountLinksOnceAndLinkingItAgainIsANoOp() {
        Member.Change linked = enrolled().linkTo("worker-zhang-wei", MOVED);
        assertThat(linked.events()).singleElement().isInstanceOfSatisfying(MemberChanged.class,
                e -> assertThat(e.account()).isEqualTo("worker-zhang-wei"));
        assertThat(linked.member().linkTo("worker-zhang-wei", MOVED).events()).isEmpty();
        assertThatThrownBy(() -> linked.member().linkTo("someone-else", MOVED)).isInstanceOf(MemberRuleException.class);
    }

    @Test
    void theEnrolmentFormChecksTheIdentityNumberAndPhone() {
        EnrolmentForm.Checked bad = new EnrolmentForm("张伟", "330211198801011235", "1380000", "骑手王", null, "a b").check();
        assertThat(bad.violations()).extracting(v -> v.field() + ":" + v.code()).containsExactlyInAnyOrder(
                "idNumber:resident-id", "mobile:mobile", "workerGroup:unknown", "account:account");
        String valid = "33021119880101123" + cn.unionhub.platform.identity.ChineseIdentifiers.residentIdCheckCharacter("33021119880101123");
        EnrolmentForm.Checked ok = new EnrolmentForm(" 张伟 ", valid.toLowerCase(), null, "外卖骑手", null, null).check();
        assertThat(ok.ok()).isTrue();
        assertThat(ok.group()).isEqualTo(WorkerGroup.GIG_WORKER);
        assertThat(ok.name()).isEqualTo("张伟");
    }
}
