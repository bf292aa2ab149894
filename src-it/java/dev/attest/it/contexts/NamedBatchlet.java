package dev.attest.it.contexts;

import dev.attest.AuditActor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

/** The same batch step, naming its system actor. */
@Named
@Dependent
@AuditActor("batch-import")
public class NamedBatchlet extends EntryBatchlet {
}
