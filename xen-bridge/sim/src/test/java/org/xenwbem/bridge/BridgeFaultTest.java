package org.xenwbem.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xenwbem.bridge.BridgeFixture.eventually;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xenwbem.bridge.client.XenApiError;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiProtocol;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.client.XenApiTransportException;

/**
 * Every fault the simulator injects at its request boundary, against a connected bridge: a typed
 * failure within a bounded time, then recovery (the mirror is current again), and no leaked bridge
 * threads or simulator sessions (checked by {@link BridgeFixture#close()}). Run over both protocols.
 */
class BridgeFaultTest {
    private static final Duration BOUND = BridgeFixture.CALL_TIMEOUT.plusMillis(700);

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @ParameterizedTest
    @EnumSource(value = XenApiProtocol.class, names = {"XML_RPC", "JSON_RPC"})
    void latencyBeyondTheCallTimeoutIsATransportFailureAndTheMirrorRecovers(XenApiProtocol p) throws Exception {
        try (BridgeFixture fx = new BridgeFixture(p)) {
            XenApiSession s = fx.client();
            fx.pool.faults().on("VM.get_all").always().delay(Duration.ofSeconds(3));
            long t0 = System.nanoTime();
            assertThrows(XenApiTransportException.class, () -> s.call("VM.get_all"));
            assertTrue(millisSince(t0) < BOUND.toMillis(), "timed out in " + millisSince(t0) + " ms");
            fx.pool.faults().clear();
            fx.pool.faults().onAny().always().delay(Duration.ofMillis(30));
            fx.provesCurrent("slow-but-current");
            fx.pool.faults().clear();
            s.logout();
        }
    }

    @ParameterizedTest
    @EnumSource(value = XenApiProtocol.class, names = {"XML_RPC", "JSON_RPC"})
    void anInjectedErrorIsTypedWithItsParamsAndCountsDown(XenApiProtocol p) throws Exception {
        try (BridgeFixture fx = new BridgeFixture(p)) {
            XenApiSession s = fx.client();
            fx.pool.faults().on("VM.get_all").times(2).fail("RBAC_PERMISSION_DENIED", "vm.get_all", "denied");
            for (int i = 0; i < 2; i++) {
                XenApiException e = assertThrows(XenApiException.class, () -> s.call("VM.get_all"));
                assertEquals(XenApiError.RBAC_PERMISSION_DENIED, e.error());
                assertEquals("vm.get_all", e.param("permission"));
            }
            assertTrue(((List<?>) s.call("VM.get_all")).size() > 4, "the third call succeeds");
            long loads = fx.pool.callCount("VM.get_all_records");
            fx.pool.faults().on("event.from").once().fail("EVENTS_LOST");
            fx.provesCurrent("wakes-the-pending-poll");
            eventually(Duration.ofSeconds(5), () -> fx.pool.callCount("VM.get_all_records") > loads,
                    "EVENTS_LOST made the mirror resync");
            fx.provesCurrent("after-events-lost");
            s.logout();
        }
    }

    @ParameterizedTest
    @EnumSource(value = XenApiProtocol.class, names = {"XML_RPC", "JSON_RPC"})
    void aPersistentErrorIsRetriedWithBackoffUntilItClears(XenApiProtocol p) throws Exception {
        try (BridgeFixture fx = new BridgeFixture(p)) {
            fx.pool.faults().on("event.from").always().fail("INTERNAL_ERROR", "simulated");
            String vm = fx.pool.state().vmUuids().get(0);
            fx.pool.state().renameVm(vm, "wake-the-pending-poll");
            long before = fx.pool.callCount("event.from");
            Thread.sleep(1_500);
            long attempts = fx.pool.callCount("event.from") - before;
            assertTrue(attempts >= 2 && attempts <= 30, "backoff bounds the retries: " + attempts);
            fx.pool.faults().clear();
            fx.provesCurrent("after-internal-error");
        }
    }

    @ParameterizedTest
    @EnumSource(value = XenApiProtocol.class, names = {"XML_RPC", "JSON_RPC"})
    void aDroppedConnectionIsATransportFailureAndCostsTheMirrorNoResync(XenApiProtocol p) throws Exception {
        try (BridgeFixture fx = new BridgeFixture(p)) {
            XenApiSession s = fx.client();
            fx.pool.faults().on("VM.get_all").times(2).drop();
            long t0 = System.nanoTime();
            assertThrows(XenApiTransportException.class, () -> s.call("VM.get_all"));
            assertTrue(millisSince(t0) < BOUND.toMillis(), "failed in " + millisSince(t0) + " ms");
            fx.pool.faults().on("VM.get_all").once().drop();
            assertTrue(((List<?>) s.call("VM.get_all")).size() > 4, "one drop of a read-only call is retried");
            fx.pool.faults().on("VM.set_name_label").once().drop();
            Object vm = s.call("VM.get_by_uuid", fx.pool.state().vmUuids().get(0));
            assertThrows(XenApiTransportException.class, () -> s.call("VM.set_name_label", vm, "x"),
                    "a write is never repeated");
            long loads = fx.pool.callCount("VM.get_all_records");
            fx.pool.faults().on("event.from").times(3).drop();
            fx.provesCurrent("after-drops");
            assertEquals(loads, fx.pool.callCount("VM.get_all_records"), "same session and token: no resync");
            s.logout();
        }
    }

    @ParameterizedTest
    @EnumSource(value = XenApiProtocol.class, names = {"XML_RPC", "JSON_RPC"})
    void aRestartInvalidatesSessionsAndTokensAndTheMirrorResyncs(XenApiProtocol p) throws Exception {
        try (BridgeFixture fx = new BridgeFixture(p)) {
            XenApiSession old = fx.client();
            Map<?, ?> first = (Map<?, ?>) old.call("event.from", List.of("vm"), "", 0.0);
            long loads = fx.pool.callCount("VM.get_all_records");
            fx.pool.faults().restart();
            long t0 = System.nanoTime();
            assertThrows(XenApiTransportException.class, () -> old.call("VM.get_all"), "refused while restarting");
            assertTrue(millisSince(t0) < BOUND.toMillis());
            Thread.sleep(400);
            assertEquals(XenApiError.SESSION_INVALID,
                    assertThrows(XenApiException.class, () -> old.call("VM.get_all")).error());
            XenApiSession fresh = fx.client();
            assertEquals(XenApiError.EVENTS_LOST, assertThrows(XenApiException.class,
                    () -> fresh.call("event.from", List.of("vm"), first.get("token"), 0.0)).error());
            fresh.logout();
            fx.provesCurrent("after-restart");
            assertTrue(fx.pool.callCount("VM.get_all_records") > loads, "full resync after the restart");
            assertEquals(1, fx.pool.state().sessionCount(), "only the mirror's new session");
        }
    }

    @ParameterizedTest
    @EnumSource(value = XenApiProtocol.class, names = {"XML_RPC", "JSON_RPC"})
    void sessionInvalidMakesTheMirrorLogInAgain(XenApiProtocol p) throws Exception {
        try (BridgeFixture fx = new BridgeFixture(p)) {
            long logins = fx.pool.callCount("session.login_with_password");
            fx.pool.state().invalidateAllSessions();
            fx.provesCurrent("after-session-invalid");
            // the event.from already waiting may deliver that change on the old session; the next one is
            // refused (SESSION_INVALID) and the mirror logs in again
            BridgeFixture.eventually(Duration.ofSeconds(8),
                    () -> fx.pool.callCount("session.login_with_password") > logins, "a new login");
            BridgeFixture.eventually(Duration.ofSeconds(8), () -> fx.pool.state().sessionCount() == 1,
                    "only the mirror's new session");
            fx.provesCurrent("after-the-new-login");
        }
    }
}
