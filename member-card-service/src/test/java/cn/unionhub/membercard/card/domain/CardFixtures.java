package cn.unionhub.membercard.card.domain;

import cn.unionhub.test.People;
import java.time.Instant;
import java.util.Map;

/** Members holding cards in the tests, where the test people of {@link People} work. */
public final class CardFixtures {

    /** 张伟, worker of 宁波富德能源 in 镇海区 (Ningbo, region 3302). */
    public static final Holder ZHANG_WEI = new Holder("M4ZW8K2N6Q1RT", People.WORKER_ZHANG_WEI.subject(), "U0FUDE0UNION1",
            People.Enterprises.FUDE_ENERGY, People.Districts.ZHENHAI, true);
    /** 李娜, worker of the neighbouring 北仑港物流 in 北仑区. */
    public static final Holder LI_NA = new Holder("M7NA3X9B5C2DE", People.WORKER_LI_NA.subject(), "U0BEILUN0UN01",
            People.Enterprises.BEILUN_PORT_LOGISTICS, People.Districts.BEILUN, true);
    /** 王强 left the union: no new cards. */
    public static final Holder WANG_QIANG_LEFT = new Holder("M2WQ6H8J4K0MP", "worker-wang-qiang", "U0FUDE0UNION1",
            People.Enterprises.FUDE_ENERGY, People.Districts.ZHENHAI, false);

    public static final CardRanges RANGES = new CardRanges(Map.of("3302", "623091", "3702", "623091", "3601", "623091"));
    public static final String NINGBO_PREFIX = "6230913302";
    public static final Instant ISSUED_AT = Instant.parse("2026-03-02T01:30:00Z");
    public static final Card.By STAFF = new Card.By(Card.Party.STAFF, People.CHAIR_FUDE.subject());
    public static final Card.By HOLDER = new Card.By(Card.Party.HOLDER, People.WORKER_ZHANG_WEI.subject());

    private CardFixtures() {
    }

    /** Zhang Wei's first card, just issued. */
    public static Card issued() {
        return Card.issue("C0123456789AB", CardNumbers.compose(NINGBO_PREFIX, 42), CardType.MEMBER_SERVICE_CARD,
                ZHANG_WEI.memberId(), null, STAFF, ISSUED_AT).card();
    }

    /** The card taken to {@code status} along the shortest legal path. */
    public static Card in(Card.Status status) {
        Card c = issued();
        Instant t = ISSUED_AT.plusSeconds(60);
        return switch (status) {
            case ISSUED -> c;
            case ACTIVE -> c.activate(HOLDER, null, t).card();
            case FROZEN -> in(Card.Status.ACTIVE).freeze(STAFF, "核查异常交易", t).card();
            case LOST -> in(Card.Status.ACTIVE).reportLost(HOLDER, "钱包丢失", t).card();
            case REPLACED -> in(Card.Status.LOST).replaceWith(new Card.Link("C0123456789AC",
                    CardNumbers.compose(NINGBO_PREFIX, 43)), STAFF, null, t).card();
            case CANCELLED -> c.cancel(STAFF, "会员退会", t).card();
        };
    }
}
