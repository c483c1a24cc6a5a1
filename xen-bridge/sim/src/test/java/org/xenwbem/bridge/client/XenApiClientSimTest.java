package org.xenwbem.bridge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.xenwbem.bridge.xmlrpc.XenApiResult;
import org.xenwbem.bridge.xmlrpc.XmlRpcReader;
import org.xenwbem.bridge.xmlrpc.XmlRpcWriter;

/** The client against the simulator over loopback. */
class XenApiClientSimTest {
    private static final char[] PW = "pw".toCharArray();
    private static SimulatedPool pool;
    private static URI url;

    @BeforeAll
    static void startPool() {
        pool = SimulatedPool.builder().hosts(2).vms(6).seed(42).rootPassword("pw").build();
        url = pool.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    private static XenApiConnection connect() {
        return XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private static String vm(String name) {
        return pool.state().vmUuidByName(name).orElseThrow();
    }

    @Test
    void logsInAndOutWithoutRevealingTheSession() throws Exception {
        XenApiSession s = connect().login("root", PW, "test");
        Object host = s.callOnSelf("session.get_this_host");
        assertInstanceOf(String.class, host);
        assertTrue(((String) host).startsWith("OpaqueRef:"));
        assertFalse(s.toString().contains("OpaqueRef"), s.toString());
        assertEquals("2", s.call("host.get_API_version_major", host), "int64 travels as a string");
        String poolRef = (String) ((List<?>) s.call("pool.get_all")).get(0);
        assertEquals(host, s.call("pool.get_master", poolRef));
        assertEquals("Simulated Pool", s.call("pool.get_name_label", poolRef));
        assertEquals(true, s.callOnSelf("session.get_is_local_superuser"));
        s.logout();
        XenApiException e = assertThrows(XenApiException.class, () -> s.call("VM.get_all"));
        assertEquals(XenApiError.SESSION_INVALID, e.error());
    }

    @Test
    void anUnusableHostAddressNamesThePathButNeverTheSession() throws Exception {
        XenApiSession s = connect().login("root", PW, "test");
        try {
            XenApiTransportException e = assertThrows(XenApiTransportException.class,
                    () -> s.http().get("bad host^", "/rrd_updates", Map.of("start", 0), Duration.ofSeconds(2)));
            assertTrue(e.getMessage().contains("/rrd_updates"), e.getMessage());
            for (Throwable t = e; t != null; t = t.getCause()) { // a logged stack trace shows every cause
                assertFalse(String.valueOf(t.getMessage()).contains("OpaqueRef"), t.toString());
            }
        } finally {
            s.logout();
        }
    }

    @Test
    void wrongPasswordIsAuthenticationFailure() {
        XenApiException e = assertThrows(XenApiException.class,
                () -> connect().login("root", "nope".toCharArray(), "test"));
        assertEquals(XenApiError.SESSION_AUTHENTICATION_FAILED, e.error());
        assertEquals(List.of("root", "Authentication failure"), e.params());
    }

    @Test
    void getAllRecordsDecodesTypedValues() throws Exception {
        XenApiSession s = connect().login("root", PW, "test");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> vms = (Map<String, Map<String, Object>>) s.call("VM.get_all_records");
        assertEquals(pool.state().vmUuids().size(), vms.size());
        Map<String, Object> rec = vms.values().stream()
                .filter(r -> "sim-vm-0".equals(r.get("name_label"))).findFirst().orElseThrow();
        assertEquals("Running", rec.get("power_state"));
        assertInstanceOf(String.class, rec.get("memory_static_max"), "int64 travels as a string");
        assertEquals(Boolean.FALSE, rec.get("is_a_template"));
        assertInstanceOf(Map.class, rec.get("platform"));
        s.logout();
    }

    @Test
    void typedErrors() throws Exception {
        XenApiSession s = connect().login("root", PW, "test");
        XenApiException invalid = assertThrows(XenApiException.class,
                () -> s.call("VM.get_record", "OpaqueRef:00000000-0000-0000-0000-000000000000"));
        assertEquals(XenApiError.HANDLE_INVALID, invalid.error());
        assertEquals("VM", invalid.param("class"));
        XenApiException uuid = assertThrows(XenApiException.class, () -> s.call("VM.get_by_uuid", "nope"));
        assertEquals(XenApiError.UUID_INVALID, uuid.error());

        String halted = (String) s.call("VM.get_by_uuid", vm("sim-vm-1"));
        XenApiException bad = assertThrows(XenApiException.class, () -> s.call("VM.clean_shutdown", halted));
        assertEquals(XenApiError.VM_BAD_POWER_STATE, bad.error());
        assertEquals(List.of(halted, "running", "halted"), bad.params());
        String paused = (String) s.call("VM.get_by_uuid", vm("sim-vm-4"));
        XenApiException reboot = assertThrows(XenApiException.class, () -> s.call("VM.clean_reboot", paused));
        assertEquals("running", reboot.param("expected"));
        String suspended = (String) s.call("VM.get_by_uuid", vm("sim-vm-3"));
        XenApiException hardReboot = assertThrows(XenApiException.class, () -> s.call("VM.hard_reboot", suspended));
        assertEquals("paused, running", hardReboot.param("expected"));
        assertEquals("suspended", hardReboot.param("actual"));

        String template = (String) s.call("VM.get_by_uuid", vm("Debian Bookworm 12"));
        XenApiException tmpl = assertThrows(XenApiException.class, () -> s.call("VM.start", template, false, false));
        assertEquals(XenApiError.VM_IS_TEMPLATE, tmpl.error());

        XenApiException unknown = assertThrows(XenApiException.class, () -> s.call("VM.frobnicate", halted));
        assertEquals(XenApiError.MESSAGE_METHOD_UNKNOWN, unknown.error());
        XenApiException count = assertThrows(XenApiException.class, () -> s.call("VM.get_record"));
        assertEquals(XenApiError.MESSAGE_PARAMETER_COUNT_MISMATCH, count.error());
        assertEquals(List.of("VM.get_record", "2", "1"), count.params());
        s.logout();
    }

    @Test
    void readerMayReadButNotChange() throws Exception {
        XenApiSession reader = connect().login("reader", PW, "test");
        String vm = (String) reader.call("VM.get_by_uuid", vm("sim-vm-2"));
        assertEquals("Running", reader.call("VM.get_power_state", vm));
        XenApiException denied = assertThrows(XenApiException.class, () -> reader.call("VM.clean_shutdown", vm));
        assertEquals(XenApiError.RBAC_PERMISSION_DENIED, denied.error());
        assertEquals("vm.clean_shutdown", denied.param("permission"));
        XenApiSession operator = connect().login("operator", PW, "test");
        XenApiException rename = assertThrows(XenApiException.class,
                () -> operator.call("VM.set_name_label", vm, "x"));
        assertEquals(XenApiError.RBAC_PERMISSION_DENIED, rename.error());
        reader.logout();
        operator.logout();
    }

    @Test
    void asyncStartCompletesThroughATask() throws Exception {
        XenApiSession s = connect().login("operator", PW, "test");
        String uuid = pool.state().addVm("async-target", org.xenwbem.bridge.PowerState.Halted);
        String vm = (String) s.call("VM.get_by_uuid", uuid);
        String task = (String) s.call("Async.VM.start", vm, false, false);
        assertTrue(task.startsWith("OpaqueRef:"));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while ("pending".equals(s.call("task.get_status", task)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> rec = (Map<String, Object>) s.call("task.get_record", task);
        assertEquals("success", rec.get("status"));
        assertEquals(1.0, rec.get("progress"));
        assertEquals("", new XmlRpcReader().readValueFragment((String) rec.get("result")));
        assertEquals("Running", s.call("VM.get_power_state", vm));
        assertTrue(((String) s.call("VM.get_resident_on", vm)).startsWith("OpaqueRef:"));
        s.call("task.destroy", task);
        assertEquals(XenApiError.HANDLE_INVALID,
                assertThrows(XenApiException.class, () -> s.call("task.get_status", task)).error());

        String failing = (String) s.call("Async.VM.resume", vm, false, false);
        while ("pending".equals(s.call("task.get_status", failing))) {
            Thread.sleep(10);
        }
        assertEquals("failure", s.call("task.get_status", failing));
        assertEquals(List.of("VM_BAD_POWER_STATE", vm, "suspended", "running"), s.call("task.get_error_info", failing));
        s.logout();
    }

    @Test
    void followsHostIsSlaveToTheMaster() throws Exception {
        // a "supporter" on 127.0.0.2 with the simulator's port, always answering HOST_IS_SLAVE [127.0.0.1]
        Server supporter = new Server();
        ServerConnector c = new ServerConnector(supporter);
        c.setHost("127.0.0.2");
        c.setPort(url.getPort());
        supporter.addConnector(c);
        supporter.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                  org.eclipse.jetty.util.Callback callback) {
                String body = XmlRpcWriter.methodResponse(
                        new XenApiResult.Failure(List.of("HOST_IS_SLAVE", "127.0.0.1")).toStruct());
                response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        supporter.start();
        try {
            URI supporterUrl = URI.create("http://127.0.0.2:" + url.getPort() + "/");
            XenApiConnection conn = XenApiConnection.create(supporterUrl, Duration.ofSeconds(2), Duration.ofSeconds(5));
            XenApiSession s = conn.login("root", PW, "test");
            assertEquals("127.0.0.1", conn.url().getHost());
            assertEquals(url.getPort(), conn.url().getPort());
            s.logout();
        } finally {
            supporter.stop();
        }
    }

    @Test
    void unreachableServerIsATransportFailure() {
        XenApiConnection conn = XenApiConnection.create(URI.create("http://127.0.0.1:1/"),
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThrows(XenApiTransportException.class, () -> conn.call("pool.get_all", "x"));
    }
}
