package dev.attest.demo.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Map;

/** Who is logged in, for the demo page's header. */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @GET
    public Map<String, Object> me(@Context SecurityContext security) {
        return Map.of("name", security.getUserPrincipal().getName(), "auditor", security.isUserInRole("audit-viewer"));
    }
}
