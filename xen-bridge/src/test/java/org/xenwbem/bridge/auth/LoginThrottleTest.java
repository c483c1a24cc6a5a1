package org.xenwbem.bridge.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.auth.LoginThrottle.Decision;
import org.xenwbem.bridge.auth.LoginThrottle.Result;

/** The throttle's arithmetic with a hand-moved clock: delays per pair, the ceiling per address, bounded state. */
class LoginThrottleTest {
    private static final Instant T0 = Instant.parse("2024-06-01T00:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(LoginThrottle.DEFAULTS);
    private Instant now = T0;

    private void advance(Duration d) {
        now = now.plus(d);
    }

    private Decision admit(String client, String user) {
        return throttle.admit(client, user, false, now);
    }

    /** One check that xapi answers with {@code result} at once; asserts it was admitted. */
    private void check(String client, String user, Result result) {
        Decision d = admit(client, user);
        assertTrue(d.admitted(), client + "/" + user + " at +" + Duration.between(T0, now) + ": " + d);
        throttle.release(client, user, result, now);
    }

    private Duration waitFor(String client, String user) {
        Decision d = admit(client, user);
        assertFalse(d.admitted(), "expected a wait for " + client + "/" + user);
        return Duration.between(now, d.retryAt());
    }

    @Test
    void oneTypoDelaysOnlyThatUserFromThatAddressForOneSecond() {
        check("10.0.0.1", "admin", Result.FAILED);
        assertEquals(Duration.ofSeconds(1), waitFor("10.0.0.1", "admin"));
        check("10.0.0.1", "other", Result.SUCCEEDED);
        check("10.0.0.2", "admin", Result.SUCCEEDED);
        advance(Duration.ofSeconds(1));
        check("10.0.0.1", "admin", Result.SUCCEEDED);
        check("10.0.0.1", "admin", Result.SUCCEEDED); // success forgot the failure: no delay at all
        assertEquals(0, throttle.size()[0], "nothing remembered about pairs that ended in success");
    }

    @Test
    void delaysGrowPerPairUpToTheCeiling() {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            check("10.0.0.3", "root", Result.FAILED);
            Duration w = waitFor("10.0.0.3", "root");
            waits.add(w);
            advance(w);
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 32L, 32L),
                waits.stream().map(Duration::toSeconds).toList());
        check("10.0.0.3", "root", Result.SUCCEEDED);
        check("10.0.0.3", "root", Result.SUCCEEDED);
    }

    @Test
    void failuresAreForgottenAfterTenQuietMinutes() {
        for (int i = 0; i < 4; i++) {
            check("10.0.0.4", "root", Result.FAILED);
            advance(Duration.ofSeconds(20));
        }
        advance(Duration.ofMinutes(10));
        check("10.0.0.4", "root", Result.FAILED);
        assertEquals(Duration.ofSeconds(1), waitFor("10.0.0.4", "root"), "counting starts again");
    }

    @Test
    void aPairWithFailuresHasOneCheckInFlightAtATime() {
        check("10.0.0.5", "root", Result.FAILED);
        advance(Duration.ofSeconds(1));
        assertTrue(admit("10.0.0.5", "root").admitted());
        assertEquals(LoginThrottle.POLL, waitFor("10.0.0.5", "root"), "a second parallel guess waits");
        throttle.release("10.0.0.5", "root", Result.FAILED, now);
        assertEquals(Duration.ofSeconds(2), waitFor("10.0.0.5", "root"));
    }

    @Test
    void aFreshPairMayBeCheckedInParallel() {
        for (int i = 0; i < 8; i++) {
            assertTrue(admit("10.0.0.6", "scvmm").admitted(), "SCVMM opens several connections at once");
        }
        for (int i = 0; i < 8; i++) {
            throttle.release("10.0.0.6", "scvmm", Result.SUCCEEDED, now);
        }
        assertEquals(0, throttle.size()[0]);
    }

    @Test
    void anAddressGetsTwelveFailedChecksAMinuteAcrossAllUserNames() {
        int admitted = 0;
        for (int s = 0; s < 180; s++) { // three minutes, a new user name every second
            Decision d = admit("10.0.0.7", "user" + s);
            if (d.admitted()) {
                throttle.release("10.0.0.7", "user" + s, Result.FAILED, now);
                admitted++;
            }
            advance(Duration.ofSeconds(1));
        }
        assertEquals(36, admitted, "12 in each of the three minutes");
        assertTrue(admit("10.0.0.8", "user1").admitted(), "another address has its own budget");
    }

    @Test
    void checksInFlightCountAgainstTheAddressCeiling() {
        for (int i = 0; i < 12; i++) {
            assertTrue(admit("10.0.0.9", "u" + i).admitted());
        }
        assertEquals(LoginThrottle.POLL, waitFor("10.0.0.9", "u99"), "twelve guesses in parallel fill the minute");
        throttle.release("10.0.0.9", "u0", Result.SUCCEEDED, now);
        assertTrue(admit("10.0.0.9", "u99").admitted(), "a success gives its place back");
        for (int i = 1; i < 12; i++) {
            throttle.release("10.0.0.9", "u" + i, Result.FAILED, now);
        }
        throttle.release("10.0.0.9", "u99", Result.FAILED, now);
        assertEquals(Duration.ofSeconds(60), waitFor("10.0.0.9", "u100"));
    }

    @Test
    void aTrustedCredentialIsAdmittedWhateverOthersDid() {
        check("10.0.0.10", "root", Result.FAILED);
        for (int i = 0; i < 11; i++) {
            check("10.0.0.10", "guess" + i, Result.FAILED);
        }
        assertFalse(admit("10.0.0.10", "root").admitted(), "root's own failure and the address ceiling");
        assertTrue(throttle.admit("10.0.0.10", "root", true, now).admitted(), "a credential xapi accepted before");
        throttle.release("10.0.0.10", "root", Result.SUCCEEDED, now);
    }

    @Test
    void inconclusiveChecksCostNothing() {
        for (int i = 0; i < 50; i++) {
            check("10.0.0.11", "root", Result.INCONCLUSIVE);
        }
        assertEquals(0, throttle.size()[0]);
    }

    @Test
    void aDistributedRunCannotGrowTheStateBeyondItsBounds() {
        LoginThrottle small = new LoginThrottle(new LoginThrottle.Limits(Duration.ofSeconds(1), Duration.ofSeconds(32),
                12, Duration.ofSeconds(60), Duration.ofMinutes(10), 500, 200));
        for (int i = 0; i < 200_000; i++) {
            String client = "10." + (i >> 16 & 0xFF) + "." + (i >> 8 & 0xFF) + "." + (i & 0xFF);
            String user = "user" + (i % 977);
            if (small.admit(client, user, false, now).admitted()) {
                small.release(client, user, Result.FAILED, now);
            }
            if (i % 1000 == 0) {
                advance(Duration.ofMillis(10));
            }
        }
        int[] size = small.size();
        assertTrue(size[0] <= 500 && size[1] <= 200, "pairs " + size[0] + ", addresses " + size[1]);
        int[] full = throttle.size();
        assertEquals(0, full[0] + full[1]);
    }

    @Test
    void ipv6ClientsAreGroupedByTheirSlash64() {
        assertEquals("2001:db8:1:2::/64", LoginThrottle.addressKey("[2001:db8:1:2:aaaa::1]"));
        assertEquals("2001:db8:1:2::/64", LoginThrottle.addressKey("2001:db8:1:2:bbbb:0:0:7"));
        assertEquals("192.0.2.7", LoginThrottle.addressKey("::ffff:192.0.2.7"));
        assertEquals("192.0.2.7", LoginThrottle.addressKey("192.0.2.7"));
        for (int i = 0; i < 12; i++) {
            check("2001:db8:1:2::" + Integer.toHexString(i + 1), "u" + i, Result.FAILED);
        }
        assertFalse(admit("2001:db8:1:2:ffff::9", "another").admitted(), "one /64 shares one budget");
    }
}
