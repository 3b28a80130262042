package cn.unionhub.membercard.merchant.domain;

import cn.unionhub.membercard.ledger.domain.LedgerException;
import java.time.Instant;
import java.util.List;

/**
 * A merchant where members spend their welfare money (seed 002: 4,000 in 江西): registered by the
 * district union it serves, with the member prices it offers. Its till redeems coupons through a
 * machine client ({@code merchant-<id>}); what the union owes it builds up on its receivable
 * account {@code merchant:<id>}.
 *
 * @param id       {@code <district>-<4-digit number>}, numbered per district, never reused
 * @param category e.g. 超市, 餐饮, 药店
 */
public record Merchant(String id, String name, String district, String uscc, String address, String category,
        List<MemberPrice> memberPrices, Status status, Instant registeredAt, String closedReason, Instant closedAt) {

    public Merchant(String id, String name, String district, String uscc, String address, String category,
            List<MemberPrice> memberPrices, Status status, Instant registeredAt) {
        this(id, name, district, uscc, address, category, memberPrices, status, registeredAt, null, null);
    }

    public enum Status {
        ACTIVE, CLOSED
    }

    /** An item the merchant sells members for less (会员价), shown to members; amounts in fen. */
    public record MemberPrice(String item, long listPriceFen, long memberPriceFen) {

        public MemberPrice {
            if (item == null || item.isBlank() || item.length() > 60) {
                throw new LedgerException.Invalid("memberPrices", "merchant-price-item");
            }
            if (memberPriceFen <= 0 || memberPriceFen > listPriceFen) {
                throw new LedgerException.Invalid("memberPrices", "merchant-price-range", item);
            }
        }
    }

    public Merchant {
        if (memberPrices != null && memberPrices.stream().anyMatch(java.util.Objects::isNull)) {
            throw new LedgerException.Invalid("memberPrices", "merchant-price-missing"); // [null] was a 500
        }
        memberPrices = memberPrices == null ? List.of() : List.copyOf(memberPrices);
        if (name == null || name.isBlank() || name.length() > 80) {
            throw new LedgerException.Invalid("name", "merchant-name");
        }
        if (memberPrices.size() > 200) {
            throw new LedgerException.Invalid("memberPrices", "merchant-too-many-prices", 200);
        }
        uscc = uscc == null || uscc.isBlank() ? null : uscc.strip().toUpperCase(java.util.Locale.ROOT);
        if (uscc != null && !cn.unionhub.platform.identity.ChineseIdentifiers.isValidUscc(uscc)) {
            // A merchant is a business the union contracts with: "bad" was taken as its credit code.
            throw new LedgerException.Invalid("uscc", "merchant-uscc");
        }
        if (address != null && address.length() > 200 || category != null && category.length() > 40) {
            throw new LedgerException.Invalid(address != null && address.length() > 200 ? "address" : "category", "merchant-text-too-long");
        }
        if (closedReason != null && closedReason.length() > 200) {
            throw new LedgerException.Invalid("reason", "merchant-text-too-long");
        }
    }

    /** Closed (退出): its till redeems no more; its receivable stays for what is owed to it. */
    public Merchant closed(String reason, Instant at) {
        return new Merchant(id, name, district, uscc, address, category, memberPrices, Status.CLOSED, registeredAt, reason, at);
    }

    /** This merchant with its number in the district: {@code <district>-<4 digits>}. */
    public Merchant numbered(long number) {
        return new Merchant(district + "-" + String.format("%04d", number), name, district, uscc, address, category, memberPrices,
                status, registeredAt, closedReason, closedAt);
    }

    public String receivableAccount() {
        return "merchant:" + id;
    }

    public boolean isActive() {
        return status == Status.ACTIVE;
    }
}
