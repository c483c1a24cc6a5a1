package org.xenwbem.tests;

import org.xenwbem.bridge.sim.SimulatedPool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue #17, failed logins over real HTTPS: one typo does not lock anybody out, a verified user is
 * never refused because of other users' failures, a guesser is slowed (per address and user name, and
 * at most {@value #PER_MINUTE} checked guesses a minute per address), and the access log says why a
 * request was refused. Each test acts from its own loopback address (127.0.0.0/8 all reach the daemon).
 */
class AuthThrottleTest {
    /** The product's ceiling of failed checks per address and minute (LoginThrottle.DEFAULTS). */
    static final int PER_MINUTE = 12;
    private static final String LOGIN = "session.login_with_password";
    private static final String PW = DaemonFixture.PASSWORD;
    private static DaemonFixture fx;
    private static ListAppender<ILoggingEvent> access;

    @BeforeAll
    static void start() throws Exception {
        access = new ListAppender<>();
        access.start();
        ((Logger) LoggerFactory.getLogger("xenwbem.access")).addAppender(access);
        fx = new DaemonFixture(2);
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
        ((Logger) LoggerFactory.getLogger("xenwbem.access")).detachAppender(access);
    }

    private static LoopbackHttps.Reply identify(String source, String user, String password) throws IOException {
        return LoopbackHttps.post(fx.port(), source, user + ":" + password, WinrmShapes.identify());
    }

    @Test
    void oneTypoThenTheRightPasswordIsAccepted() throws Exception {
        assertEquals(401, identify("127.0.0.41", "reader", PW + "x").status());
        LoopbackHttps.Reply ok = identify("127.0.0.41", "reader", PW);
        assertEquals(200, ok.status(), ok.toString());
        assertTrue(ok.millis() < 3000, "a second at most: " + ok.millis() + " ms");
    }

    @Test
    void anotherUsersFailuresDoNotAffectAVerifiedUser() throws Exception {
        String source = "127.0.0.42";
        assertEquals(200, identify(source, "root", PW).status());
        List<LoopbackHttps> guesses = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) { // more than the address may fail in a minute
            guesses.add(start(source, (i % 2 == 0 ? "operator" : "nobody" + i) + ":guess-" + i));
        }
        LoopbackHttps.Reply during = identify(source, "root", PW);
        List<LoopbackHttps.Reply> refused = finish(guesses, t0);
        LoopbackHttps.Reply after = identify(source, "root", PW);
        assertEquals(200, during.status(), "while the guesses run: " + during);
        assertTrue(during.millis() < 2000, during.millis() + " ms");
        assertEquals(200, after.status(), "after twenty failures from the same address: " + after);
        assertTrue(after.millis() < 2000, after.millis() + " ms");
        refused.forEach(r -> assertEquals(401, r.status(), r.toString()));
    }

    @Test
    void theRightPasswordAfterOnesOwnFailuresIsDelayedThenAccepted() throws Exception {
        String source = "127.0.0.43";
        assertEquals(401, identify(source, "operator", "typo-1").status());
        LoopbackHttps.Reply second = identify(source, "operator", "typo-2");
        assertEquals(401, second.status());
        assertTrue(second.millis() >= 800, "the second try waits a second: " + second.millis() + " ms");
        LoopbackHttps.Reply right = identify(source, "operator", PW);
        assertEquals(200, right.status(), right.toString());
        assertTrue(right.millis() >= 1600 && right.millis() < 6000, "then two seconds: " + right.millis() + " ms");
    }

    @Test
    void aBruteForceFromOneAddressGetsTwelveCheckedGuessesAMinute() throws Exception {
        String source = "127.0.0.44";
        long logins = fx.daemon.simulatedPool(SimulatedPool.class).callCount(LOGIN);
        int checked = 0;
        int throttled = 0;
        LoopbackHttps slow = null;
        for (int wave = 0; wave < 2; wave++) { // twelve connections at a time
            List<LoopbackHttps> guesses = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < PER_MINUTE; i++) {
                guesses.add(start(source, "user" + (i % 8) + ":guess-" + wave + "-" + i));
            }
            if (wave == 1) { // and one more whose body is unfinished
                slow = LoopbackHttps.open(fx.port(), source);
                slow.send(LoopbackHttps.head(fx.port(), "/wsman", "user1:guess-slow", 1000));
            }
            for (LoopbackHttps.Reply r : finish(guesses, t0)) {
                assertEquals(401, r.status(), r.toString());
                if (r.body().contains("too many failed logins")) {
                    throttled++;
                    assertTrue(r.millis() >= 4500, "a throttled guess is answered after 5 s: " + r.millis() + " ms");
                } else {
                    checked++;
                }
            }
        }
        assertEquals(PER_MINUTE, checked, "guesses checked with xapi in this minute");
        assertEquals(PER_MINUTE, throttled);
        assertEquals(PER_MINUTE, fx.daemon.simulatedPool(SimulatedPool.class).callCount(LOGIN) - logins, "login calls that reached xapi");
        try (LoopbackHttps unfinished = slow) {
            LoopbackHttps.Reply r = unfinished.read(System.nanoTime());
            assertTrue(r.status() == 401 && r.closes() && r.body().contains("too many"), r.toString());
        }
        assertTrue(logged("user=user1", "outcome=401 reason=throttled"), "the access log says why");
        assertTrue(logged("user=user1", "outcome=401 reason=bad-credentials"));
        for (ILoggingEvent e : List.copyOf(access.list)) {
            assertFalse(e.getFormattedMessage().contains("guess-"), "never a password: " + e.getFormattedMessage());
        }
    }

    @Test
    void aDistributedRunIsLimitedPerAddress() throws Exception {
        int addresses = 8;
        int perAddress = PER_MINUTE + 2;
        assertEquals(200, identify("127.0.1.1", "root", PW).status());
        long logins = fx.daemon.simulatedPool(SimulatedPool.class).callCount(LOGIN);
        List<LoopbackHttps> guesses = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int a = 0; a < addresses; a++) {
            for (int u = 0; u < perAddress; u++) {
                guesses.add(start("127.0.1." + (1 + a), "user" + a + "-" + u + ":guess"));
            }
        }
        LoopbackHttps.Reply verified = identify("127.0.1.1", "root", PW);
        List<LoopbackHttps.Reply> replies = finish(guesses, t0);
        for (int a = 0; a < addresses; a++) {
            long checked = replies.subList(a * perAddress, (a + 1) * perAddress).stream()
                    .filter(r -> r.body().contains("invalid user name or password")).count();
            assertEquals(PER_MINUTE, checked, "127.0.1." + (1 + a));
        }
        assertEquals((long) addresses * PER_MINUTE, fx.daemon.simulatedPool(SimulatedPool.class).callCount(LOGIN) - logins);
        assertEquals(200, verified.status(), "a verified user at one of the addresses: " + verified);
        assertTrue(verified.millis() < 2000, verified.millis() + " ms");
    }

    /** Opens a connection from {@code source} and sends an Identify with {@code credentials}, not waiting. */
    private static LoopbackHttps start(String source, String credentials) throws IOException {
        byte[] body = WinrmShapes.identify().getBytes(StandardCharsets.UTF_8);
        LoopbackHttps c = LoopbackHttps.open(fx.port(), source);
        c.send(LoopbackHttps.head(fx.port(), "/wsman", credentials, body.length));
        c.send(body);
        return c;
    }

    /** The replies; their times count from {@code t0} (System.nanoTime before the first was sent). */
    private static List<LoopbackHttps.Reply> finish(List<LoopbackHttps> connections, long t0) throws IOException {
        List<LoopbackHttps.Reply> out = new ArrayList<>();
        for (LoopbackHttps c : connections) {
            try (c) {
                out.add(c.read(t0));
            }
        }
        return out;
    }

    private static boolean logged(String... parts) {
        return List.copyOf(access.list).stream().map(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> java.util.Arrays.stream(parts).allMatch(m::contains));
    }
}
