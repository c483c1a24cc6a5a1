package org.xenwbem.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostNamesTest {
    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal); // literals only: no lookup
    }

    @Test
    void fqdnIsTheCommonNameAndEveryNameIsAnAlternative() throws Exception {
        HostNames names = HostNames.of("Host1.Example.COM.", List.of(ip("10.0.0.5"), ip("2001:db8::5")));

        assertEquals("host1.example.com", names.commonName());
        assertEquals(List.of("host1.example.com", "host1", "localhost"), names.dnsNames());
        assertEquals(List.of(ip("10.0.0.5"), ip("2001:db8::5"), ip("127.0.0.1"), ip("::1")), names.ipAddresses());
    }

    @Test
    void withoutFqdnThePrimaryAddressIsTheCommonName() throws Exception {
        HostNames names = HostNames.of(null, List.of(ip("127.0.0.1"), ip("fe80::1"), ip("192.0.2.7")));

        assertEquals("192.0.2.7", names.commonName());
        assertEquals(List.of("localhost"), names.dnsNames());
        assertEquals(List.of(ip("127.0.0.1"), ip("fe80::1"), ip("192.0.2.7"), ip("::1")), names.ipAddresses());
    }

    @Test
    void anIpLiteralOrLocalhostIsNotAnFqdn() throws Exception {
        assertEquals("192.0.2.7", HostNames.of("192.0.2.7", List.of(ip("192.0.2.7"))).commonName());
        assertEquals("192.0.2.7", HostNames.of("localhost.localdomain", List.of(ip("192.0.2.7"))).commonName());
        assertEquals("192.0.2.7", HostNames.of("fe80::1", List.of(ip("192.0.2.7"))).commonName());
    }

    @Test
    void linkLocalOnlyStillBeatsLoopbackAndNothingFallsBackToLoopback() throws Exception {
        assertEquals("fe80:0:0:0:0:0:0:1", HostNames.of(null, List.of(ip("fe80::1"))).commonName());
        assertEquals("127.0.0.1", HostNames.of(null, List.of()).commonName());
    }

    @Test
    void shortHostNameFromTheSystemIsKept() throws Exception {
        HostNames names = HostNames.of(null, "xcp-host1", List.of(ip("192.0.2.7")));

        assertEquals("192.0.2.7", names.commonName());
        assertEquals(List.of("xcp-host1", "localhost"), names.dnsNames());
    }

    @Test
    void invalidNamesAreDropped() throws Exception {
        HostNames names = HostNames.of("bad name!", List.of(ip("192.0.2.7")));

        assertEquals("192.0.2.7", names.commonName());
        assertEquals(List.of("localhost"), names.dnsNames());
    }

    @Test
    void detectNeverThrowsAndIsQuick() {
        HostNames names = assertTimeoutPreemptively(Duration.ofSeconds(10), HostNames::detect);

        assertNotNull(names.commonName());
        assertFalse(names.commonName().isBlank());
        assertTrue(names.dnsNames().contains("localhost"));
        assertTrue(names.ipAddresses().stream().anyMatch(InetAddress::isLoopbackAddress));
    }

    @Test
    void detectedAddressesPutTheResolvedOneFirstAndLoopbackLast() throws Exception {
        List<InetAddress> ordered = HostNameDetector.orderedAddresses(ip("192.0.2.9"),
                List.of(ip("127.0.0.1"), ip("fe80::1"), ip("2001:db8::1"), ip("10.0.0.1"), ip("192.0.2.9")));

        assertEquals(List.of(ip("192.0.2.9"), ip("10.0.0.1"), ip("2001:db8::1"), ip("fe80::1"), ip("127.0.0.1")),
                ordered);
    }
}
