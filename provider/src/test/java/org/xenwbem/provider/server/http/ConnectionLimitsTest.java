package org.xenwbem.provider.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {
    @Test
    void aClientIsAdmittedUpToItsCapAndAgainOnceOneCloses() {
        ConnectionLimits l = new ConnectionLimits(100, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(ConnectionLimits.Verdict.ADMITTED, l.acquire("10.0.0.1"));
        }
        assertEquals(ConnectionLimits.Verdict.CLIENT_CAP, l.acquire("10.0.0.1"));
        assertEquals(ConnectionLimits.Verdict.ADMITTED, l.acquire("10.0.0.2"), "another client is not held back");
        assertEquals(4, l.open());
        l.release("10.0.0.1");
        assertEquals(ConnectionLimits.Verdict.ADMITTED, l.acquire("10.0.0.1"));
        assertEquals(3, l.open("10.0.0.1"));
    }

    @Test
    void theTotalCapHoldsForEveryClientAndARefusalCountsNothing() {
        ConnectionLimits l = new ConnectionLimits(2, 5);
        assertEquals(ConnectionLimits.Verdict.ADMITTED, l.acquire("a"));
        assertEquals(ConnectionLimits.Verdict.ADMITTED, l.acquire("b"));
        assertEquals(ConnectionLimits.Verdict.TOTAL_CAP, l.acquire("c"));
        assertEquals(2, l.open());
        assertEquals(0, l.open("c"));
        l.release("a");
        assertEquals(ConnectionLimits.Verdict.ADMITTED, l.acquire("c"));
    }

    @Test
    void stateIsDroppedForClientsWithNothingOpen() {
        ConnectionLimits l = new ConnectionLimits(10_000, 2);
        for (int i = 0; i < 1000; i++) {
            l.acquire("10.0." + i / 250 + "." + i % 250);
        }
        assertEquals(1000, l.clients());
        for (int i = 0; i < 1000; i++) {
            l.release("10.0." + i / 250 + "." + i % 250);
        }
        assertEquals(0, l.clients());
        assertEquals(0, l.open());
    }

    @Test
    void anIpv6ClientIsItsSlash64AndIpv4IsTheAddress() throws Exception {
        assertEquals("2001:db8:0:1::/64", ConnectionLimits.clientOf(InetAddress.getByName("2001:db8:0:1:aaaa::1")));
        assertEquals("2001:db8:0:1::/64", ConnectionLimits.clientOf(InetAddress.getByName("2001:db8:0:1:ffff:1:2:3")));
        assertEquals("192.0.2.7", ConnectionLimits.clientOf(InetAddress.getByName("192.0.2.7")));
        assertEquals("192.0.2.7", ConnectionLimits.clientOf(InetAddress.getByName("::ffff:192.0.2.7")));
    }

    @Test
    void capsArePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectionLimits(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ConnectionLimits(1, 0));
    }
}
