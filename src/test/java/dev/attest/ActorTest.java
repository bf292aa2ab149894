package dev.attest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ActorTest {

    @Test
    void aUserIsAUserActorWithTheGivenId() {
        assertEquals(new Actor(ActorType.USER, "alice"), Actor.user("alice"));
    }

    @Test
    void aSystemActorIsNamed() {
        assertEquals(new Actor(ActorType.SYSTEM, "nightly-import"), Actor.system("nightly-import"));
    }

    @Test
    void theAnonymousActorIsCalledAnonymous() {
        assertEquals(new Actor(ActorType.ANONYMOUS, "anonymous"), Actor.anonymous());
    }

    @Test
    void theAnonymousActorIsOneInstance() {
        assertSame(Actor.anonymous(), Actor.anonymous());
    }

    @Test
    void anActorReadsAsTypeAndId() {
        assertEquals("USER:alice", Actor.user("alice").toString());
        assertEquals("SYSTEM:nightly-import", Actor.system("nightly-import").toString());
        assertEquals("ANONYMOUS:anonymous", Actor.anonymous().toString());
    }

    @Test
    void actorsWithTheSameTypeAndIdAreEqual() {
        assertEquals(Actor.user("alice"), Actor.user("alice"));
        assertEquals(Actor.user("alice").hashCode(), Actor.user("alice").hashCode());
    }

    @Test
    void aUserAndASystemActorOfTheSameNameDiffer() {
        assertNotEquals(Actor.user("import"), Actor.system("import"));
    }

    @Test
    void anActorNeedsAType() {
        NullPointerException rejected = assertThrows(NullPointerException.class, () -> new Actor(null, "alice"));
        assertEquals("type", rejected.getMessage());
    }

    @Test
    void anActorNeedsAnId() {
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class, () -> Actor.user(null));
        assertEquals("an actor needs a non-blank id", rejected.getMessage());
    }

    @Test
    void anEmptyIdIsRejected() {
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class, () -> Actor.system(""));
        assertEquals("an actor needs a non-blank id", rejected.getMessage());
    }

    @Test
    void aBlankIdIsRejected() {
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class, () -> Actor.user(" \t\n"));
        assertEquals("an actor needs a non-blank id", rejected.getMessage());
    }

    @Test
    void anIdIsKeptAsGiven() {
        assertEquals(" alice ", Actor.user(" alice ").id());
    }
}
