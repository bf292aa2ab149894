package dev.attest.internal.interceptor;

import dev.attest.AuditMessages;
import dev.attest.internal.context.Scope;
import jakarta.jms.Message;

/**
 * The sender's audit context of a consumed message. The only class of the interceptors that names Jakarta
 * Messaging types: it is loaded only on a server that has them ({@link AuditActorInterceptor} checks first), so a
 * profile without messaging (WildFly's {@code standalone.xml}) runs every other part of Attest.
 */
final class MessageSender {

    private MessageSender() {
    }

    /** The scope stamped on {@code argument} when it is a stamped message, else {@code null}. */
    static Scope scope(Object argument, Scope base) {
        return argument instanceof Message message ? AuditMessages.senderScope(message, base) : null;
    }
}
