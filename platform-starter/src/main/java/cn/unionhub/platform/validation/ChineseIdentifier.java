package cn.unionhub.platform.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request field that must be a valid Chinese identifier of the given kind; {@code null} passes
 * (combine with {@code @NotNull} when required). Example: {@code @ChineseIdentifier(Kind.USCC) String enterprise}.
 */
@Documented
@Constraint(validatedBy = ChineseIdentifierValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ChineseIdentifier {

    enum Kind {
        /** Unified social credit code of an organisation (GB 32100). */
        USCC,
        /** Resident identity card number (GB 11643). */
        RESIDENT_ID,
        /** Mainland mobile phone number. */
        MOBILE
    }

    Kind value();

    String message() default "{unionhub.validation.identifier}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
