package org.xenwbem.bridge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.sim.SimulatedPool;

/** JSON-RPC v1/v2 and Async tasks against the simulator. */
class AsyncAndJsonRpcSimTest {
    private static final char[] PW = "pw".toCharArray();
    private static SimulatedPool pool;
    private static URI url;

    @BeforeAll
    static void startPool() {
        pool = SimulatedPool.builder().hosts(2).vms(6).seed(42).rootPassword("pw").taskDelay(Duration.ofMillis(80))
                .build();
        url = pool.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    @AfterEach
    void clearFaults() {
        pool.faults().clear();
    }

    private static XenApiConnection connect(XenApiProtocol p) {
        return XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(5), p);
    }

    private static String halted(XenApiSession s) throws Exception {
        String uuid = pool.state().addVm("async-" + System.nanoTime(), PowerState.Halted);
        return (String) s.call("VM.get_by_uuid", uuid);
    }

    @ParameterizedTest
    @EnumSource(XenApiProtocol.class)
    void everyProtocolLogsInCallsAndMapsErrors(XenApiProtocol p) throws Exception {
        long before = pool.callCount("VM.get_all");
        XenApiSession s = connect(p).login("root", PW, "test");
        List<?> vms = (List<?>) s.call("VM.get_all");
        assertTrue(vms.size() >= 6);
        assertEquals(before + 1, pool.callCount("VM.get_all"));
        Object major = s.call("host.get_API_version_major", s.callOnSelf("session.get_this_host"));
        assertEquals(p == XenApiProtocol.XML_RPC ? "2" : 2L, major, "int64: string in XML-RPC, number in JSON");
        XenApiException e = assertThrows(XenApiException.class, () -> s.call("VM.get_record", "OpaqueRef:nope"));
        assertEquals(XenApiError.HANDLE_INVALID, e.error());
        assertEquals(List.of("VM", "OpaqueRef:nope"), e.params());
        s.logout();
        assertEquals(XenApiError.SESSION_INVALID,
                assertThrows(XenApiException.class, () -> s.call("VM.get_all")).error());
    }

    @Test
    void aSessionFromXmlRpcIsValidOverJsonRpc() throws Exception {
        XenApiSession xml = connect(XenApiProtocol.XML_RPC).login("root", PW, "test");
        XenApiConnection json = connect(XenApiProtocol.JSON_RPC);
        Object self = xml.callOnSelf("session.get_this_host");
        Object viaJson = json.call(Duration.ofSeconds(5), "session.get_this_host", List.of(
                sessionRefOf(xml), sessionRefOf(xml)));
        assertEquals(self, viaJson);
        xml.logout();
    }

    /** The test needs the raw ref to cross protocols; only the test peeks at it. */
    private static String sessionRefOf(XenApiSession s) throws Exception {
        java.lang.reflect.Field f = XenApiSession.class.getDeclaredField("ref");
        f.setAccessible(true);
        return (String) f.get(s);
    }

    @ParameterizedTest
    @EnumSource(value = XenApiProtocol.class, names = {"XML_RPC", "JSON_RPC"})
    void asyncCallReportsProgressAndDecodesTheResultFragment(XenApiProtocol p) throws Exception {
        XenApiSession s = connect(p).login("root", PW, "test");
        String vm = halted(s);
        int tasksBefore = ((List<?>) s.call("task.get_all")).size();
        List<Double> progress = new CopyOnWriteArrayList<>();
        try (TaskHandle t = s.callAsync("VM.start", vm, false, false)) {
            assertEquals("", t.await(Duration.ofSeconds(5), progress::add));
        }
        assertEquals("Running", s.call("VM.get_power_state", vm));
        assertEquals(1.0, progress.get(progress.size() - 1));
        assertEquals(tasksBefore, ((List<?>) s.call("task.get_all")).size(), "task destroyed");
        try (TaskHandle t = s.callAsync("Async.VM.get_record", vm)) {
            fail(t);
        } catch (XenApiException e) {
            assertEquals(XenApiError.MESSAGE_METHOD_UNKNOWN, e.error(), "getters are not asyncable");
        }
        s.logout();
    }

    private static void fail(TaskHandle t) {
        throw new AssertionError("unexpected task " + t);
    }

    @Test
    void taskFailureIsTheTypedErrorOfErrorInfo() throws Exception {
        XenApiSession s = connect(XenApiProtocol.JSON_RPC).login("root", PW, "test");
        String vm = halted(s);
        pool.faults().on("VM.start").once().fail("SR_BACKEND_FAILURE_46", "", "The VDI is not available", "");
        TaskHandle t = s.callAsync("VM.start", vm, false, false);
        XenApiException e = assertThrows(XenApiException.class, () -> t.await(Duration.ofSeconds(5)));
        assertEquals(XenApiError.SR_BACKEND_FAILURE, e.error());
        assertEquals("SR_BACKEND_FAILURE_46", e.code());
        assertEquals("The VDI is not available", e.param("stdout"));
        assertEquals("Halted", s.call("VM.get_power_state", vm), "the injected failure happened instead of the start");
        assertEquals("", s.call("VM.start", vm, false, false), "a once-rule is spent after one use");
        s.logout();
    }

    @Test
    void cancelEndsAsTaskCancelledAndTimeoutLeavesTheTaskAlive() throws Exception {
        XenApiSession s = connect(XenApiProtocol.XML_RPC).login("root", PW, "test");
        String vm = halted(s);
        TaskHandle t = s.callAsync("VM.start", vm, false, false);
        assertThrows(TimeoutException.class, () -> t.await(Duration.ofMillis(1)));
        t.cancel();
        XenApiException e = assertThrows(XenApiException.class, () -> t.await(Duration.ofSeconds(5)));
        assertEquals(XenApiError.TASK_CANCELLED, e.error());
        assertEquals("Halted", s.call("VM.get_power_state", vm));
        t.close();
        s.logout();
    }

    @Test
    void jsonRpcAnswersAreApplicationJsonExactly() throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(url.resolve("/jsonrpc")).POST(java.net.http.HttpRequest
                        .BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"method\":\"session.login_with_password\","
                                + "\"params\":[\"root\",\"bad\"],\"id\":0}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""),
                "Xen Orchestra's client falls back to XML-RPC on anything else");
        assertEquals("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":1,\"message\":\"SESSION_AUTHENTICATION_FAILED\","
                + "\"data\":[\"root\",\"Authentication failure\"]},\"id\":0}", r.body());
    }

    @Test
    void jsonRecordsCarryNumbersAndDateStrings() throws Exception {
        XenApiSession s = connect(XenApiProtocol.JSON_RPC).login("root", PW, "test");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> hosts = (Map<String, Map<String, Object>>) s.call("host.get_all_records");
        Map<String, Object> host = hosts.values().iterator().next();
        assertInstanceOf(Long.class, host.get("API_version_minor"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> tasks = (Map<String, Map<String, Object>>) s.call("task.get_all_records");
        assertTrue(tasks.isEmpty() || tasks.values().iterator().next().get("created") instanceof String);
        s.logout();
    }
}
