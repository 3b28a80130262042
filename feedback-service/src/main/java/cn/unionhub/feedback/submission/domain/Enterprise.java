package cn.unionhub.feedback.submission.domain;

import cn.unionhub.platform.register.RegisteredEnterprise;

/**
 * The enterprise a submission is about, as known when it was accepted.
 *
 * @param uscc       unified social credit code, as submitted
 * @param name       registered name, or {@code null} when the register did not know the enterprise
 * @param district   its district in the register, or the district the submission was attributed to
 * @param registered whether the register knew the enterprise; if not, union staff verify it (核实)
 */
public record Enterprise(String uscc, String name, String district, boolean registered) {

    public static Enterprise of(RegisteredEnterprise listed) {
        return new Enterprise(listed.uscc(), listed.name(), listed.district(), true);
    }

    /** Not (yet) in the register: accepted, attributed to {@code district}, marked for verification. */
    public static Enterprise unregistered(String uscc, String district) {
        return new Enterprise(uscc, null, district, false);
    }
}
