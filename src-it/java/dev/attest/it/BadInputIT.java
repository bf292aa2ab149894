package dev.attest.it;

import dev.attest.AuditContext;
import dev.attest.AuditEvent;
import dev.attest.it.app.DocumentService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile or awkward input gets a safe, bounded record: never a crash, never a lost event. */
@ExtendWith(ArquillianExtension.class)
class BadInputIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("bad-input");
    }

    @Inject
    DocumentService documents;

    @Inject
    Probe probe;

    @Test
    void oversizedValueIsCutWithAMarkerOnACharacterBoundary() {
        String huge = "\uD83D\uDE00".repeat(5_000);

        documents.tag("doc-1", List.of(huge));

        String details = probe.single("document.tag", "doc-1").details();
        assertTrue(details.contains("…[truncated]"), details);
        assertTrue(details.length() < 1_100, "bounded to attest.max-value-length: " + details.length());
        assertEquals(details, new String(details.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                "no half of a surrogate pair was left behind");
    }

    @Test
    void oversizedDetailsStayBoundedAndValidJson() {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            tags.add(("tag-" + i + "-").repeat(100));
        }

        documents.tag("doc-2", tags);

        String details = probe.single("document.tag", "doc-2").details();
        assertTrue(details.length() <= 8_000, "bounded to attest.max-details-length: " + details.length());
        assertTrue(Json.createReader(new StringReader(details)).readObject().containsKey("truncated"), details);
    }

    @Test
    void lineBreaksAndBidiControlsAreNeutralisedInStoredText() {
        String forged = "doc-3\r\n2026-01-01 INFO forged entry\u202Egnp.exe";

        AuditContext.withReason("fix\ttypo\u0000", () -> documents.tag(forged, List.of("x")));

        AuditEvent event = probe.single("document.tag", "doc-3\\r\\n2026-01-01 INFO forged entry\\u202egnp.exe");
        assertEquals("fix\\ttypo\\u0000", event.reason());
        assertFalse(event.targetId().contains("\n"));
    }

    @Test
    void argumentJacksonCannotSerialiseIsRecordedByItsTypeName() {
        documents.inspect(new Exploding());

        String details = probe.single("document.inspect").details();
        assertTrue(details.contains("\"unserializable\":\"" + Exploding.class.getName() + "\""), details);
    }

    /** A bean whose getter throws. */
    public static final class Exploding {
        public String getValue() {
            throw new IllegalStateException("cannot be read");
        }
    }
}
