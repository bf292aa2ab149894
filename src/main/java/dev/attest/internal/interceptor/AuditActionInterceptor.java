package dev.attest.internal.interceptor;

import dev.attest.AuditAction;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.AroundTimeout;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import java.io.Serializable;

/**
 * Records every invocation bound to {@link AuditAction}. Its priority places it inside the transaction of
 * {@code @Transactional} beans (and session beans always start theirs first), so a successful action's
 * event commits with the business change.
 */
@AuditAction
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 10)
public class AuditActionInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ActionRecorder recorder;

    @AroundInvoke
    @AroundTimeout
    public Object audit(InvocationContext invocation) throws Exception {
        return recorder.invoke(invocation);
    }
}
