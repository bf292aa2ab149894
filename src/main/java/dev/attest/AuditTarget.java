package dev.attest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter of an {@link AuditAction} method that identifies the record acted upon.
 *
 * <p>An entity argument gives its entity name and identifier (read after the method ran, so a newly
 * persisted entity has its generated id). Any other argument is the target id, and {@link #value()} names
 * the target type. At most one parameter of a method may carry this annotation; a second one fails the
 * deployment.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface AuditTarget {

    /** The target type, such as {@code "Invoice"}. Empty: the entity name, else the argument's simple class name. */
    String value() default "";
}
