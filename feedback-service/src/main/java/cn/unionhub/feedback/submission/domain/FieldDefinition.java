package cn.unionhub.feedback.submission.domain;

/**
 * One category-specific field of a submission, as data (like an Open311 service definition
 * attribute): e.g. {@code amountOwedFen} for wage arrears.
 *
 * @param name      JSON name inside {@code details}
 * @param type      value type
 * @param required  whether the category needs it
 * @param min       smallest allowed number, if any
 * @param max       largest allowed number, if any
 * @param maxLength longest allowed text, if any
 */
public record FieldDefinition(String name, Type type, boolean required, Long min, Long max, Integer maxLength) {

    public enum Type {
        TEXT, INTEGER, MONEY_FEN, YEAR_MONTH, BOOLEAN
    }
}
