package dev.attest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value is never stored: it shows as {@value #MASK} in events and in entity diffs.
 *
 * <p>On a parameter of an {@link AuditAction} method, or on a field (or getter) of an argument's type.
 * On a field of an {@code @Audited} entity the field must also be {@code @NotAudited}, so that Envers never
 * writes it; Attest refuses to start otherwise.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Redacted {

    /** What is stored and shown instead of a redacted value. */
    String MASK = "***REDACTED***";
}
