package cn.unionhub.platform.validation;

import cn.unionhub.platform.identity.ChineseIdentifiers;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link ChineseIdentifier} fields with the national check-digit rules. */
public class ChineseIdentifierValidator implements ConstraintValidator<ChineseIdentifier, String> {

    private ChineseIdentifier.Kind kind;

    @Override
    public void initialize(ChineseIdentifier annotation) {
        kind = annotation.value();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        boolean valid = switch (kind) {
            case USCC -> ChineseIdentifiers.isValidUscc(value);
            case RESIDENT_ID -> ChineseIdentifiers.isValidResidentId(value);
            case MOBILE -> ChineseIdentifiers.isValidMobile(value);
        };
        if (!valid) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("{unionhub.validation." + kind.name().toLowerCase().replace('_', '-') + "}")
                    .addConstraintViolation();
        }
        return valid;
    }
}
