package org.xenwbem.bridge.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xenwbem.bridge.BridgeConfig;
import org.xenwbem.bridge.CredentialChecker;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.XenBridge;
import org.xenwbem.bridge.connect.XenBridges;
import org.xenwbem.bridge.client.TaskHandle;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiError;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiProtocol;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.rrd.RrdReader;
import org.xenwbem.bridge.rrd.RrdUpdates;

/**
 * The bridge's contract with xapi, written once and run against every backend: the simulator (over
 * XML-RPC and JSON-RPC) and, when {@code XAPI_URL}, {@code XAPI_USER} and {@code XAPI_PASSWORD} are
 * set, a real pool. Nothing here changes a real pool unless {@code XAPI_TEST_VM} names a disposable,
 * halted VM (by name label), which is then started and shut down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BridgeContract {
    /** Where and how to reach the backend; {@code testVm} may be null (no power operations). */
    record Target(URI url, String user, char[] password, XenApiProtocol protocol, String testVm) {
    }

    private Target target;
    private XenBridge bridge;
    private XenApiSession session;

    /** Opens the backend (starting it if needed). */
    abstract Target open() throws Exception;

    /** Releases the backend. */
    abstract void release() throws Exception;

    @BeforeAll
    void connect() throws Exception {
        target = open();
        bridge = XenBridges.connect(BridgeConfig.builder().xapiUrl(target.url()).serviceUser(target.user())
                .servicePassword(target.password()).protocol(target.protocol()).callTimeout(Duration.ofSeconds(20))
                .build());
        assertTrue(bridge.mirror().awaitInitialSync(Duration.ofSeconds(60)), "initial sync");
        session = XenApiConnection.create(target.url(), Duration.ofSeconds(5), Duration.ofSeconds(20), target.protocol())
                .login(target.user(), target.password(), "xenwbem-contract");
    }

    @AfterAll
    void disconnect() throws Exception {
        try {
            if (session != null) {
                session.logout();
            }
            if (bridge != null) {
                bridge.close();
            }
        } finally {
            release();
        }
    }

    @Test
    void theMirrorMatchesGetAllRecords() throws Exception {
        PoolSnapshot snap = bridge.mirror().current();
        Map<?, ?> vms = (Map<?, ?>) session.call("VM.get_all_records");
        Set<String> uuids = new HashSet<>();
        vms.values().forEach(r -> uuids.add(String.valueOf(((Map<?, ?>) r).get("uuid"))));
        Set<String> mirrored = new HashSet<>();
        snap.vms().forEach(v -> mirrored.add(v.uuid()));
        assertEquals(uuids, mirrored);
        Object poolRef = ((List<?>) session.call("pool.get_all")).get(0);
        assertEquals(session.call("host.get_uuid", session.call("pool.get_master", poolRef)), snap.pool().masterUuid());
        assertEquals(((List<?>) session.call("host.get_all")).size(), snap.hosts().size());
    }

    @Test
    void thisHostIsAHostOfThePool() {
        String me = bridge.thisHostUuid().orElseThrow();
        assertTrue(bridge.mirror().current().host(me).isPresent(), me);
    }

    @Test
    void errorsAreTypedWithTheirParameters() {
        XenApiException handle = assertThrows(XenApiException.class,
                () -> session.call("VM.get_record", "OpaqueRef:00000000-0000-0000-0000-000000000000"));
        assertEquals(XenApiError.HANDLE_INVALID, handle.error());
        assertEquals("VM", handle.param("class"));
        assertEquals(XenApiError.UUID_INVALID, assertThrows(XenApiException.class,
                () -> session.call("VM.get_by_uuid", "00000000-0000-0000-0000-000000000000")).error());
        assertEquals(XenApiError.MESSAGE_METHOD_UNKNOWN, assertThrows(XenApiException.class,
                () -> session.call("VM.no_such_message")).error());
        assertEquals(XenApiError.MESSAGE_PARAMETER_COUNT_MISMATCH, assertThrows(XenApiException.class,
                () -> session.call("VM.get_all", "extra")).error());
    }

    @Test
    void eventFromTokensHaveXapisFormat() throws Exception {
        Map<?, ?> batch = (Map<?, ?>) session.call("event.from", List.of("pool"), "", 0.0);
        assertTrue(String.valueOf(batch.get("token")).matches("\\d{20},\\d{20}"), String.valueOf(batch.get("token")));
        assertFalse(((List<?>) batch.get("events")).isEmpty(), "a fresh token returns the current objects");
        assertEquals(XenApiError.EVENT_FROM_TOKEN_PARSE_FAILURE, assertThrows(XenApiException.class,
                () -> session.call("event.from", List.of("pool"), "garbage", 0.0)).error());
    }

    @Test
    void credentialsAreCheckedOverTcp() {
        assertTrue(bridge.credentials().check(target.user(), target.password(), "contract").ok());
        assertEquals(CredentialChecker.Status.DENIED,
                bridge.credentials().check(target.user(), "certainly-wrong".toCharArray(), "contract-bad").status());
    }

    @Test
    void performanceDataForThisHost() throws Exception {
        String me = bridge.thisHostUuid().orElseThrow();
        RrdReader reader = new RrdReader(session);
        RrdUpdates u = reader.fetch(Instant.now().minusSeconds(120), Duration.ofSeconds(5), me);
        assertTrue(u.series("host", me, "cpu0").isPresent(), u.series().toString());
        HostRecord host = bridge.mirror().current().host(me).orElseThrow();
        assertTrue(reader.queryHost(me, "memory_total_kib") > 0, host.toString());
    }

    @Test
    void asyncStartAndShutdownDestroyTheirTasks() throws Exception {
        assumeTrue(target.testVm() != null, "no disposable test VM configured (XAPI_TEST_VM)");
        Object vm = ((List<?>) session.call("VM.get_by_name_label", target.testVm())).get(0);
        int tasks = ((List<?>) session.call("task.get_all")).size();
        try (TaskHandle t = session.callAsync("VM.start", vm, false, false)) {
            t.await(Duration.ofMinutes(5));
        }
        assertEquals("Running", session.call("VM.get_power_state", vm));
        try (TaskHandle t = session.callAsync("VM.hard_shutdown", vm)) {
            t.await(Duration.ofMinutes(5));
        }
        assertEquals("Halted", session.call("VM.get_power_state", vm));
        assertTrue(((List<?>) session.call("task.get_all")).size() <= tasks, "no task left behind");
    }
}
