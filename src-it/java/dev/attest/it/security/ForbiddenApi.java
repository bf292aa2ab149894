package dev.attest.it.security;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;

/** A JAX-RS resource that refuses every caller with {@link ForbiddenException}. */
@ApplicationPath("api")
public class ForbiddenApi extends Application {

    @Path("forbidden")
    public static class Resource {
        @GET
        public String get() {
            throw new ForbiddenException("not for you");
        }
    }
}
