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
 *
 * <p>A human is never dropped: when the work has a caller (an authenticated user, or an actor set with
 * {@link AuditContext#runAs}), the caller stays the actor and the system actor is recorded as on-behalf-of,
 * as in {@code Actor.user("alice").onBehalfOf(Actor.system("nightly-import"))}; a caller already acting on
 * behalf of someone is kept as it is. A message consumer given a message stamped with
 * {@link AuditMessages#stamp} runs as the sender. Every message-driven bean must carry this annotation
 * (the deployment fails otherwise).
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
