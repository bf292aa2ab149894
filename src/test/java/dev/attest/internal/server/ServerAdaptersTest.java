package dev.attest.internal.server;

import dev.attest.spi.SecurityObservation;
import dev.attest.spi.ServerAdapter;
import jakarta.ejb.EJBAccessException;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerAdaptersTest {

    private static ServerAdapter adapter(Set<SecurityObservation> observes, String names) {
        return new ServerAdapter() {
            @Override
            public boolean available(ClassLoader applicationLoader) {
                return true;
            }

            @Override
            public Set<SecurityObservation> observes() {
                return observes;
            }

            @Override
            public String deniedMethod(Throwable denial) {
                return names;
            }
        };
    }

    private static final ServerAdapters NONE = ServerAdapters.of(List.of());

    @Test
    void findsTheWildFlyAdapterWhereUndertowIsOnTheClassPath() {
        ServerAdapters found = ServerAdapters.load(getClass().getClassLoader());
        assertEquals(List.of("dev.attest.server.wildfly.WildFlyAdapter"), found.names(),
                "undertow-servlet is on the test class path, Payara's EJB container is not");
        assertEquals(EnumSet.allOf(SecurityObservation.class), found.observed());
        assertDoesNotThrow(() -> found.requireObservable(null, true));
    }

    @Test
    void aServerWhereNothingObservesFailedLoginsFailsNamingWhatAndWhyAndTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NONE.requireObservable(null, false));
        assertTrue(e.getMessage().contains("failed-logins (the container refuses bad credentials before any servlet "
                + "filter runs)"), e.getMessage());
        assertTrue(e.getMessage().contains("container-denials"), e.getMessage());
        assertTrue(e.getMessage().contains("no server adapter"), e.getMessage());
        assertTrue(e.getMessage().endsWith("attest.security.unobserved=failed-logins,lockout,container-denials"),
                e.getMessage());
    }

    @Test
    void kindsTheApplicationAcceptsNotToRecordAreNoLongerRequired() {
        assertDoesNotThrow(() -> NONE.requireObservable(" Failed-Logins, lockout ,container-denials", false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NONE.requireObservable("failed-logins", false));
        assertTrue(e.getMessage().endsWith("=lockout,container-denials"), e.getMessage());
    }

    @Test
    void lockoutThatCannotBeEnforcedFailsWhateverIsAccepted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NONE.requireObservable("failed-logins,lockout,container-denials", true));
        assertTrue(e.getMessage().startsWith("attest.security.lockout=true cannot be enforced on this server"),
                e.getMessage());
        ServerAdapters failuresOnly = ServerAdapters.of(List.of(adapter(EnumSet.of(SecurityObservation.FAILED_LOGINS,
                SecurityObservation.CONTAINER_DENIALS), null)));
        assertThrows(IllegalArgumentException.class, () -> failuresOnly.requireObservable(null, true));
        assertDoesNotThrow(() -> failuresOnly.requireObservable("lockout", false));
    }

    @Test
    void anUnknownKindIsABadValueNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NONE.requireObservable("failed-logins,logins", false));
        assertEquals("attest.security.unobserved lists 'logins', which is none of "
                + "[container-denials, failed-logins, lockout]", e.getMessage());
    }

    @Test
    void theFirstAdapterThatNamesADeniedMethodWins() {
        EJBAccessException denial = new EJBAccessException("denied");
        assertNull(NONE.deniedMethod(denial));
        assertEquals("Bean#m", ServerAdapters.of(List.of(adapter(Set.of(), null), adapter(Set.of(), "Bean#m"),
                adapter(Set.of(), "Other#n"))).deniedMethod(denial));
    }
}
