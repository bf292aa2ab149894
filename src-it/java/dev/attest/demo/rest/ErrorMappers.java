package dev.attest.demo.rest;

import dev.attest.demo.InvoiceStateException;
import dev.attest.demo.NoSuchRecordException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;

/** Turns the demo's expected failures into HTTP answers with a short JSON body. */
final class ErrorMappers {

    private ErrorMappers() {
    }

    static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }

    /** 404 for a record that does not exist. */
    @Provider
    public static class NoSuchRecord implements ExceptionMapper<NoSuchRecordException> {
        @Override
        public Response toResponse(NoSuchRecordException e) {
            return error(Response.Status.NOT_FOUND, e.getMessage());
        }
    }

    /** 409 for an operation the invoice's state does not allow. */
    @Provider
    public static class InvoiceState implements ExceptionMapper<InvoiceStateException> {
        @Override
        public Response toResponse(InvoiceStateException e) {
            return error(Response.Status.CONFLICT, e.getMessage());
        }
    }
}
