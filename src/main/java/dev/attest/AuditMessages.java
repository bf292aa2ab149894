package dev.attest;

import dev.attest.internal.context.ContextStamp;
import dev.attest.internal.context.Scope;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/**
 * Carries the audit context across Jakarta Messaging. {@link #stamp} the message before sending it, and the
 * message-driven bean (annotated {@link AuditActor}) that consumes it records the sender's actor, reason and
 * correlation id instead of its own {@link AuditActor}. Whoever may send to the destination can claim any
 * actor: stamp only messages of destinations that trusted code alone writes to. The consumer checks every
 * stamped value: a malformed actor makes it ignore the stamp, a malformed correlation id is dropped and a
 * reason is bounded, so a bad stamp never makes the consumer's events fail.
 */
public final class AuditMessages {

    private AuditMessages() {
    }

    /** Writes the current actor, reason and correlation id into {@code message} as string properties. */
    public static <M extends Message> M stamp(M message) {
        ContextStamp.write(AuditContext.currentActor(), (name, value) -> {
            try {
                message.setStringProperty(name, value);
            } catch (JMSException e) {
                throw new IllegalStateException("cannot stamp the audit context on a message", e);
            }
        });
        return message;
    }

    /** The scope a consumer of {@code message} runs in, or {@code null} when it carries no valid stamp. */
    public static Scope senderScope(Message message, Scope base) {
        return ContextStamp.read(name -> {
            try {
                return message.getStringProperty(name);
            } catch (JMSException e) {
                return null;
            }
        }, base);
    }
}
