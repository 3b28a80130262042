package cn.unionhub.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event record as a published contract. The CloudEvents {@code type} carries a version
 * suffix ({@code .v1}); a breaking change gets a new type, never an edit of an existing one.
 * The JSON Schema for the data lives at {@code /events/schemas/<type>.json}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventContract {

    /** CloudEvents type, e.g. {@code cn.unionhub.feedback.submitted.v1}. */
    String type();

    /** Topic the event is published on, one of {@link Topics}. */
    String topic();
}
