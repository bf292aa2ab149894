package dev.attest;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated method (or every business method of the annotated class) as the {@link Actor#system
 * system actor} {@link #value()}: for work with no caller, such as timers, message consumers, startup
 * code and batch steps. Events and Envers revisions written inside carry that actor.
 */
@Inherited
@InterceptorBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AuditActor {

    /** The system actor's name, such as {@code "nightly-import"}; a blank name fails the deployment. */
    @Nonbinding
    String value();
}
