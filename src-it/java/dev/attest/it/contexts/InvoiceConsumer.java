package dev.attest.it.contexts;

import dev.attest.AuditActor;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** A message consumer that runs as "invoice-consumer", or as the sender when the message is stamped. */
@JMSDestinationDefinition(name = InvoiceConsumer.QUEUE, interfaceName = "jakarta.jms.Queue", destinationName = "attestInvoices")
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = InvoiceConsumer.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
@AuditActor("invoice-consumer")
public class InvoiceConsumer implements MessageListener {

    public static final String QUEUE = "java:app/jms/attestInvoices";

    @Inject
    Recorder recorder;

    @Override
    public void onMessage(Message message) {
        try {
            recorder.work(message.getBody(String.class));
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
