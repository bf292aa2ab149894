package dev.attest.it.mdb;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** A message consumer that names no system actor. */
@JMSDestinationDefinition(name = UnnamedConsumer.QUEUE, interfaceName = "jakarta.jms.Queue", destinationName = "attestUnnamed")
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = UnnamedConsumer.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
public class UnnamedConsumer implements MessageListener {

    public static final String QUEUE = "java:app/jms/attestUnnamed";

    @Override
    public void onMessage(Message message) {
    }
}
