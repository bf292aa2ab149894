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
 * Records one audit event per invocation of the annotated method (or of every business method of the
 * annotated class), on CDI beans and on session beans.
 *
 * <p>The event carries the action name, the actor, the target ({@link AuditTarget}), the arguments as
 * redacted JSON, the outcome, the duration and the request context. It says {@link Outcome#SUCCESS} only
 * if the work committed: it is written in the caller's transaction and commits or rolls back with it.
 * An exception, or a transaction that rolls back after the method returned, is recorded as
 * {@link Outcome#FAILURE} in a transaction of its own, so the attempt survives the rollback; so is a
 * method that returns while its transaction is no longer active (rolled back by a timeout, for one).
 *
 * <p>When the event cannot be written, {@code attest.failure-policy} decides. Under
 * {@link FailurePolicy#FAIL_CLOSED} the call fails with {@link AuditWriteException}; in a transaction nothing
 * of it commits, but a method called <em>without</em> a transaction has already done its work: the caller
 * still gets the exception, and the event is kept in the durable journal. Under
 * {@link FailurePolicy#FAIL_OPEN} the call goes on and the event waits in the journal. Once the caller has
 * its answer, the event is in the database or in the journal (forced to disk): a crash does not lose it.
 */
@Inherited
@InterceptorBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AuditAction {

    /**
     * The action name, such as {@code "invoice.approve"}. Empty means {@code <simple bean class name>.<method>}.
     */
    @Nonbinding
    String value() default "";

    /** The category of the event; {@link Category#ACTION} unless the method reads ({@link Category#ACCESS}). */
    @Nonbinding
    Category category() default Category.ACTION;

    /** A fixed reason recorded with every event of this action; a reason set with {@link AuditContext#withReason} wins. */
    @Nonbinding
    String reason() default "";
}
