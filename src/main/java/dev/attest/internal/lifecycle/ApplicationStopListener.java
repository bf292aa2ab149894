package dev.attest.internal.lifecycle;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/** Records {@code attest.stopped} when the web application's servlet context is destroyed ({@link AttestLifecycle}). */
public class ApplicationStopListener implements ServletContextListener {

    @Inject
    AttestLifecycle lifecycle;

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        lifecycle.stop();
    }
}
