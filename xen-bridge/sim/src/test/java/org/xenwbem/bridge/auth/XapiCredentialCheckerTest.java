package org.xenwbem.bridge.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.CredentialChecker.AuthOutcome;
import org.xenwbem.bridge.CredentialChecker.Status;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.slf4j.LoggerFactory;

class XapiCredentialCheckerTest {
    private static final String LOGIN = "session.login_with_password";
    private static SimulatedPool pool;
    private static URI url;
    private final MutableClock clock = new MutableClock();
    private XapiCredentialChecker checker;

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2024-06-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeAll
    static void startPool() {
        pool = SimulatedPool.builder().hosts(2).vms(2).seed(3).rootPassword("s3cret-root").build();
        url = pool.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    @BeforeEach
    void newChecker() {
        checker = new XapiCredentialChecker(XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(5)),
                Duration.ofSeconds(60), clock);
    }

    private AuthOutcome check(String user, String password, String client) {
        return checker.check(user, password.toCharArray(), client);
    }

    @Test
    void acceptsUsersWithTheirRoles() {
        AuthOutcome root = check("root", "s3cret-root", "10.0.0.1");
        assertEquals(Status.OK, root.status());
        assertEquals("pool-admin", root.role());
        assertEquals("vm-operator", check("operator", "s3cret-root", "10.0.0.1").role());
        assertEquals("read-only", check("reader", "s3cret-root", "10.0.0.1").role());
        assertEquals(0, pool.state().sessionCount(), "every check logs out");
    }

    @Test
    void deniesWrongPasswordsAndUnknownUsers() {
        AuthOutcome wrong = check("root", "nope", "10.0.0.2");
        assertEquals(Status.DENIED, wrong.status());
        assertNull(wrong.role());
        assertEquals(Status.DENIED, check("mallory", "x", "10.0.0.2").status());
    }

    @Test
    void cachesSuccessForTheTtlOnly() {
        assertEquals(Status.OK, check("operator", "s3cret-root", "10.0.0.3").status());
        long logins = pool.callCount(LOGIN);
        AuthOutcome cached = check("operator", "s3cret-root", "10.0.0.4");
        assertEquals(Status.OK, cached.status());
        assertEquals("vm-operator", cached.role());
        assertEquals(logins, pool.callCount(LOGIN), "a cached check makes no login call");

        assertEquals(Status.DENIED, check("operator", "other", "10.0.0.3").status(), "cache matches the password");
        assertEquals(logins + 1, pool.callCount(LOGIN));

        assertEquals(Status.OK, check("operator", "s3cret-root", "10.0.0.3").status());
        long afterRelogin = pool.callCount(LOGIN);
        clock.advance(Duration.ofSeconds(61));
        assertEquals(Status.OK, check("operator", "s3cret-root", "10.0.0.3").status());
        assertEquals(afterRelogin + 1, pool.callCount(LOGIN), "expired entries ask xapi again");
    }

    @Test
    void oneTypoThenTheRightPasswordIsDelayedOneSecondThenAccepted() {
        assertEquals(Status.DENIED, check("operator", "s3cret-rot", "10.0.0.60").status());
        long logins = pool.callCount(LOGIN);
        AuthOutcome early = check("operator", "s3cret-root", "10.0.0.60");
        assertEquals(Status.RATE_LIMITED, early.status());
        assertEquals(Duration.ofSeconds(1), early.retryAfter());
        assertEquals(logins, pool.callCount(LOGIN), "a check that has to wait does not reach xapi");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Status.OK, check("operator", "s3cret-root", "10.0.0.60").status());
    }

    @Test
    void aCachedCredentialIsNeverRefusedBecauseOfFailures() {
        assertEquals(Status.OK, check("root", "s3cret-root", "10.0.0.66").status());
        for (int i = 0; i < 20; i++) { // root's and everybody's failures, from the same and other addresses
            check(i % 2 == 0 ? "root" : "user" + i, "guess" + i, i % 3 == 0 ? "10.0.0.66" : "10.0.0." + (100 + i));
        }
        long logins = pool.callCount(LOGIN);
        AuthOutcome ok = check("root", "s3cret-root", "10.0.0.66");
        assertEquals(Status.OK, ok.status());
        assertEquals("cached", ok.detail(), "a guesser's failure does not evict the cached credential");
        assertEquals(logins, pool.callCount(LOGIN));
    }

    @Test
    void aCredentialAcceptedBeforeIsCheckedAgainAfterTheTtlWithoutBeingThrottled() {
        assertEquals(Status.OK, check("root", "s3cret-root", "10.0.0.67").status());
        clock.advance(Duration.ofSeconds(61));
        for (int i = 0; i < 12; i++) {
            check(i == 0 ? "root" : "user" + i, "guess", "10.0.0.67");
        }
        assertEquals(Status.RATE_LIMITED, check("reader", "s3cret-root", "10.0.0.67").status(),
                "the address has used its failed checks for this minute");
        long logins = pool.callCount(LOGIN);
        AuthOutcome again = check("root", "s3cret-root", "10.0.0.67");
        assertEquals(Status.OK, again.status());
        assertEquals("verified by xapi", again.detail());
        assertEquals(logins + 1, pool.callCount(LOGIN), "known good: checked with xapi again, not held back");
    }

    @Test
    void aKnownGoodCredentialIsLetInWhileASlowXapiRechecksItAndAWrongOneStillWaitsForTheVerdict() throws Exception {
        assertEquals(Status.OK, check("reader", "s3cret-root", "10.0.0.68").status());
        clock.advance(Duration.ofSeconds(61));
        pool.faults().on(LOGIN).always().delay(Duration.ofSeconds(4));
        try {
            assertEquals("verified by xapi", check("root", "s3cret-root", "10.0.0.69").detail(),
                    "a first login shows xapi slow: it accepted a password after 4 s");
            long t0 = System.nanoTime();
            AuthOutcome slow = check("reader", "s3cret-root", "10.0.0.68");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(Status.OK, slow.status());
            assertEquals("read-only", slow.role());
            assertEquals(KnownGoodRecheck.SLOW, slow.detail());
            assertTrue(ms < 3_900, "let in before xapi answered: " + ms + " ms");
            assertEquals(Status.DENIED, check("reader", "wrong", "10.0.0.68").status(), "never let in unchecked");
            eventually(() -> pool.state().sessionCount() == 0, "the re-check logged out");
            assertEquals("cached", check("reader", "s3cret-root", "10.0.0.68").detail(), "renewed by the re-check");
        } finally {
            pool.faults().clear();
        }
    }

    /**
     * A password changed at xapi (refused there, after xapi's delay for a refusal) is not let in on the
     * strength of being known good: a late refusal is not a slow xapi, the caller waits for the verdict.
     */
    @Test
    void aKnownGoodPasswordXapiNowRefusesSlowlyIsNotLetIn() {
        assertEquals(Status.OK, check("reader", "s3cret-root", "10.0.0.70").status());
        clock.advance(Duration.ofSeconds(61));
        pool.faults().on(LOGIN).always().delay(Duration.ofSeconds(4));
        pool.faults().on(LOGIN).always().fail("SESSION_AUTHENTICATION_FAILED");
        try {
            AuthOutcome out = check("reader", "s3cret-root", "10.0.0.70");
            assertEquals(Status.DENIED, out.status(), out.detail());
        } finally {
            pool.faults().clear();
        }
        clock.advance(Duration.ofSeconds(61));
        assertEquals("verified by xapi", check("reader", "s3cret-root", "10.0.0.70").detail(),
                "forgotten: checked with xapi again");
    }

    @Test
    void aBruteForceFromOneAddressGetsTwelveXapiChecksAMinute() {
        long before = pool.callCount(LOGIN);
        int refusedAtOnce = 0;
        for (int s = 0; s < 120; s++) { // two minutes, ten guesses a second over five user names
            for (int g = 0; g < 10; g++) {
                if (check("user" + (g % 5), "guess-" + s + "-" + g, "10.0.0.68").status() == Status.RATE_LIMITED) {
                    refusedAtOnce++;
                }
            }
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(24, pool.callCount(LOGIN) - before, "12 checks in each minute");
        assertEquals(1200 - 24, refusedAtOnce);
    }

    @Test
    void unreachableXapiIsUnavailable() {
        XapiCredentialChecker offline = new XapiCredentialChecker(XenApiConnection.create(
                URI.create("http://127.0.0.1:1/"), Duration.ofSeconds(1), Duration.ofSeconds(1)), Duration.ofSeconds(60));
        assertEquals(Status.UNAVAILABLE, offline.check("root", "x".toCharArray(), "c").status());
    }

    @Test
    void passwordsNeverAppearInToString() {
        AuthOutcome ok = check("root", "s3cret-root", "10.0.0.9");
        for (Object o : List.of(ok, checker, check("root", "s3cret-wrong", "10.0.0.9"))) {
            assertFalse(o.toString().contains("s3cret"), o.toString());
        }
    }

    @Test
    void derivesRolesFromPermissions() {
        assertEquals("pool-admin", RoleResolver.fromPermissions(List.of("vm.start", "subject.create")));
        assertEquals("pool-operator", RoleResolver.fromPermissions(List.of("host.evacuate", "vm.destroy")));
        assertEquals("vm-power-admin", RoleResolver.fromPermissions(List.of("VM.pool_migrate")));
        assertEquals("vm-admin", RoleResolver.fromPermissions(List.of("vm.destroy", "vm.start")));
        assertEquals("vm-operator", RoleResolver.fromPermissions(List.of("vm.start")));
        assertEquals("read-only", RoleResolver.fromPermissions(List.of()));
    }

    @Test
    void whileTheMasterIsDeadOnlyACredentialXapiAcceptedBeforeIsLetIn() throws Exception {
        try (SimulatedPool own = SimulatedPool.builder().hosts(2).vms(1).seed(9).rootPassword("pw")
                .otherUsersPassword("pw2").memberEndpoints(true).build()) {
            URI ownUrl = own.start("127.0.0.1", 0);
            XapiCredentialChecker c = new XapiCredentialChecker(
                    XenApiConnection.create(ownUrl, Duration.ofSeconds(1), Duration.ofSeconds(2)), Duration.ofSeconds(60), clock);
            assertTrue(c.check("operator", "pw2".toCharArray(), "10.0.0.9").ok());
            String master = own.failover().killMaster(org.xenwbem.bridge.sim.SimFailover.Death.REFUSE);
            clock.advance(Duration.ofMinutes(5)); // past the TTL: xapi would be asked again
            ListAppender<ILoggingEvent> log = capture();
            for (int i = 0; i < 5; i++) {
                assertTrue(c.check("operator", "pw2".toCharArray(), "10.0.0.9").ok());
            }
            assertEquals(1, log.list.stream().filter(e -> e.getLevel() == Level.WARN).count(),
                    "the outage is logged once, not per request: " + log.list);
            AuthOutcome known = c.check("operator", "pw2".toCharArray(), "10.0.0.9");
            assertTrue(known.ok(), known.toString());
            assertEquals("known good; xapi unreachable", known.detail());
            assertEquals(Status.UNAVAILABLE, c.check("operator", "wrong".toCharArray(), "10.0.0.9")
                    .status(), "another password is not let in");
            assertEquals(Status.UNAVAILABLE, c.check("root", "pw".toCharArray(), "10.0.0.9")
                    .status(), "nor a user xapi never accepted here");
            own.failover().revive(master);
            clock.advance(Duration.ofMinutes(5));
            assertTrue(c.check("operator", "pw2".toCharArray(), "10.0.0.9").ok());
            assertEquals(1, log.list.stream().filter(e -> e.getLevel() == Level.INFO
                    && e.getFormattedMessage().contains("reach xapi again")).count(), log.list.toString());
        }
    }

    private static ListAppender<ILoggingEvent> capture() {
        Logger logger = (Logger) LoggerFactory.getLogger(XapiCredentialChecker.class);
        ListAppender<ILoggingEvent> a = new ListAppender<>();
        a.start();
        logger.addAppender(a);
        return a;
    }

    private static void eventually(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
