package dev.attest.it.app;

import dev.attest.AuditAction;
import dev.attest.AuditTarget;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** A CDI bean without transactions: its events are written in transactions of their own. */
@ApplicationScoped
public class DocumentService {

    @AuditAction("document.tag")
    public int tag(@AuditTarget("Document") String documentId, List<String> tags) {
        return tags.size();
    }

    @AuditAction("document.inspect")
    public void inspect(Object anything) {
    }
}
