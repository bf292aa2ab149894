package dev.attest.it;

import dev.attest.Actor;
import dev.attest.AuditContext;
import dev.attest.AuditEvent;
import dev.attest.AuditLog;
import dev.attest.AuditSummary;
import dev.attest.AuditTrail;
import dev.attest.Category;
import dev.attest.EventQuery;
import dev.attest.Outcome;
import dev.attest.it.app.DocumentService;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the trail: filters, cursor pages and summaries. */
@ExtendWith(ArquillianExtension.class)
class QueryIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war("query");
    }

    @Inject
    DocumentService documents;

    @Inject
    AuditLog log;

    @Inject
    AuditTrail trail;

    @Test
    void filtersCombineAndActionPatternsMatchByPrefix() {
        AuditContext.runAs(Actor.user("quinn"), () -> {
            documents.tag("q-1", List.of("alpha"));
            documents.tag("q-2", List.of("beta"));
            documents.inspect("q-3");
        });

        assertEquals(3, trail.events(new EventQuery().actor("quinn").action("document.*")).size());
        assertEquals(2, trail.events(new EventQuery().actor("quinn").action("document.tag")).size());
        assertEquals("q-2", trail.events(new EventQuery().actor("quinn").text("BETA")).get(0).targetId(),
                "free text ignores case and searches the details");
        assertEquals(0, trail.events(new EventQuery().actor("quinn").action("document.%")).size(),
                "% is a literal, not a wildcard");
    }

    @Test
    void pagesGoNewestFirstAndTheCursorContinuesWithoutOverlap() {
        AuditContext.runAs(Actor.user("paige"), () -> {
            for (int i = 0; i < 7; i++) {
                documents.tag("p-" + i, List.of());
            }
        });

        List<AuditEvent> first = trail.events(new EventQuery().actor("paige").limit(3));
        List<AuditEvent> second = trail.events(new EventQuery().actor("paige").limit(3).before(first.get(2).id()));
        List<AuditEvent> third = trail.events(new EventQuery().actor("paige").limit(3).before(second.get(2).id()));

        assertEquals(List.of("p-6", "p-5", "p-4"), first.stream().map(AuditEvent::targetId).toList());
        assertEquals(List.of("p-3", "p-2", "p-1"), second.stream().map(AuditEvent::targetId).toList());
        assertEquals(List.of("p-0"), third.stream().map(AuditEvent::targetId).toList());
    }

    @Test
    void summaryCountsAPeriodForEveryoneAndForOneActor() {
        Instant from = Instant.now();
        AuditContext.runAs(Actor.user("sam"), () -> {
            documents.tag("s-1", List.of());
            documents.tag("s-2", List.of());
            log.export("Document", "CSV", 2, 120, Map.of("tag", "x"));
        });
        log.loginFailed("sam", "FORM", "bad password");
        Instant to = Instant.now().plus(1, ChronoUnit.MILLIS);

        AuditSummary sam = trail.summary("sam", from, to);
        assertEquals(3, sam.total(), sam.toString());
        assertEquals(2L, sam.byAction().get("document.tag"));
        assertEquals(1L, sam.byCategory().get(Category.EXPORT));
        assertEquals(1, sam.exports());
        AuditSummary everyone = trail.summary(from, to);
        assertEquals(4, everyone.total(), everyone.toString());
        assertEquals(1, everyone.failedLogins());
        assertEquals(1L, everyone.byOutcome().get(Outcome.FAILURE));
        assertEquals(new AuditSummary.ActorCount(Actor.user("sam"), 3), everyone.topActors().get(0));
        assertTrue(everyone.byAction().keySet().iterator().next().equals("document.tag"), "most frequent first");
        assertThrows(IllegalArgumentException.class, () -> trail.summary(to, from));
    }
}
