package cn.unionhub.membercard.card.domain;

import cn.unionhub.platform.domain.Labelled;

/** Cards and certificates a union member can hold (会员服务卡、劳模卡、特困职工证). */
public enum CardType implements Labelled {
    MEMBER_SERVICE_CARD,
    MODEL_WORKER_CARD,
    HARDSHIP_WORKER_CERTIFICATE
}
