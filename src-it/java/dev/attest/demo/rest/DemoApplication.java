package dev.attest.demo.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The demo's REST API under {@code /api}; web.xml asks for a login (BASIC) on all of it. */
@ApplicationPath("/api")
public class DemoApplication extends Application {
}
