package org.xenwbem.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.xmlrpc.XenApiResult;
import org.xenwbem.bridge.xmlrpc.XmlRpcReader;
import org.xenwbem.bridge.xmlrpc.XmlRpcWriter;

/** The simulator at the HTTP and XML-RPC level, with a raw HTTP client. */
class SimulatedPoolTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static SimulatedPool pool;
    private static URI url;
    private static String session;

    @BeforeAll
    static void start() throws Exception {
        pool = SimulatedPool.builder().hosts(2).vms(6).seed(42).rootPassword("pw").build();
        url = pool.start("127.0.0.1", 0);
        session = (String) value(call("session.login_with_password", "root", "pw", "2.0", "test"));
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url.resolve(path)).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static XenApiResult call(String method, Object... params) throws Exception {
        HttpResponse<String> r = post("/", XmlRpcWriter.methodCall(method, List.of(params)));
        assertEquals(200, r.statusCode());
        return XenApiResult.fromStruct(new XmlRpcReader().readResponse(r.body().getBytes(StandardCharsets.UTF_8)));
    }

    private static Object value(XenApiResult r) {
        return ((XenApiResult.Success) r).value();
    }

    private static List<String> failure(XenApiResult r) {
        return ((XenApiResult.Failure) r).errorDescription();
    }

    @Test
    void servesXmlRpcLikeXapi() throws Exception {
        HttpResponse<String> r = post("/RPC2", XmlRpcWriter.methodCall("pool.get_all", List.of(session)));
        assertEquals(200, r.statusCode());
        assertEquals("text/xml", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(r.body().startsWith("<?xml version=\"1.0\"?><methodResponse><params><param><value><struct>"
                + "<member><name>Status</name><value>Success</value></member>"), r.body());
        assertFalse(r.body().contains("<fault>"));
        assertEquals(500, post("/", "<methodCall><oops").statusCode());
        assertEquals(404, post("/jsonrpc-nope", "x").statusCode());
    }

    @Test
    void unknownSessionAndMethodFailInXapisOrder() throws Exception {
        assertEquals(List.of("SESSION_INVALID", "OpaqueRef:bogus"), failure(call("VM.get_all", "OpaqueRef:bogus")));
        assertEquals(List.of("MESSAGE_METHOD_UNKNOWN", "VM.nothing"), failure(call("VM.nothing", "OpaqueRef:bogus")));
        assertEquals("MESSAGE_PARAMETER_COUNT_MISMATCH", failure(call("VM.get_all", "OpaqueRef:bogus", "x")).get(0));
        assertEquals("MESSAGE_METHOD_UNKNOWN", failure(call("Async.VM.get_all", session)).get(0));
    }

    @Test
    void seededStateIsDeterministicAndComplete() {
        SimulatedPool again = SimulatedPool.builder().hosts(2).vms(6).seed(42).rootPassword("pw").build();
        assertEquals(pool.state().vmUuids(), again.state().vmUuids());
        assertEquals(pool.state().hostUuids(), again.state().hostUuids());
        again.close();
        SimState s = pool.state();
        // 2 dom0 + 3 templates + 6 VMs + 1 snapshot (+ VMs other tests may add)
        assertTrue(s.vmUuids().size() >= 12);
        Map<String, Object> host0 = s.hostRecord(s.masterUuid());
        assertEquals("sim-host-0", host0.get("name_label"));
        assertEquals("127.0.0.1", host0.get("address"));
        assertEquals(16, ((List<?>) host0.get("host_CPUs")).size());
        Map<String, Object> snap = s.vmRecord(s.vmUuidByName("sim-vm-0 (before upgrade)").orElseThrow());
        assertEquals(true, snap.get("is_a_snapshot"));
        Map<String, Object> dom0 = s.vmRecord(s.vmUuidByName("Control domain on host: sim-host-1").orElseThrow());
        assertEquals("Running", dom0.get("power_state"));
        assertEquals(0L, dom0.get("domid"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void eventFromReturnsDumpThenDeltasThenTimesOut() throws Exception {
        Map<String, Object> dump = (Map<String, Object>) value(call("event.from", session, List.of("vm"), "", 0.0));
        List<Map<String, Object>> events = (List<Map<String, Object>>) dump.get("events");
        assertTrue(events.stream().allMatch(e -> "add".equals(e.get("operation")) && "vm".equals(e.get("class"))));
        String token = (String) dump.get("token");
        assertTrue(token.matches("\\d{20},\\d{20}"), token);
        assertTrue(((Map<String, Object>) dump.get("valid_ref_counts")).get("vm") instanceof Long);

        String uuid = pool.state().vmUuidByName("sim-vm-1").orElseThrow();
        pool.state().renameVm(uuid, "renamed-by-test");
        Map<String, Object> delta = (Map<String, Object>) value(call("event.from", session, List.of("vm"), token, 5.0));
        List<Map<String, Object>> changes = (List<Map<String, Object>>) delta.get("events");
        assertEquals(1, changes.size());
        assertEquals("mod", changes.get(0).get("operation"));
        assertEquals("renamed-by-test", ((Map<String, Object>) changes.get(0).get("snapshot")).get("name_label"));

        long t0 = System.nanoTime();
        Map<String, Object> empty = (Map<String, Object>) value(
                call("event.from", session, List.of("vm"), delta.get("token"), 0.2));
        assertTrue(((List<?>) empty.get("events")).isEmpty());
        assertTrue(System.nanoTime() - t0 >= 150_000_000L, "blocks until the timeout");
        pool.state().renameVm(uuid, "sim-vm-1");

        String added = pool.state().addVm("to-delete", PowerState.Halted);
        pool.state().removeVm(added);
        Map<String, Object> del = (Map<String, Object>) value(
                call("event.from", session, List.of("vm"), empty.get("token"), 1.0));
        List<Map<String, Object>> ops = (List<Map<String, Object>>) del.get("events");
        assertTrue(ops.stream().anyMatch(e -> "del".equals(e.get("operation")) && !e.containsKey("snapshot")));
        assertEquals(List.of("EVENT_FROM_TOKEN_PARSE_FAILURE", "garbage"),
                failure(call("event.from", session, List.of("vm"), "garbage", 0.0)));
    }

    @Test
    void thousandVmsAreAllListed() throws Exception {
        try (SimulatedPool big = SimulatedPool.builder().hosts(4).vms(1000).seed(7).rootPassword("pw").build()) {
            URI u = big.start("127.0.0.1", 0);
            XenApiResult login = callAt(u, "session.login_with_password", "root", "pw");
            String s = (String) value(login);
            callAt(u, "VM.get_all_records", s); // warm-up
            Map<?, ?> all = (Map<?, ?>) value(callAt(u, "VM.get_all_records", s));
            // timing belongs to the benchmarks in tests/, not to a unit test
            assertTrue(all.size() > 1000);
            assertEquals(2, big.callCount("VM.get_all_records"));
        }
    }

    private static XenApiResult callAt(URI u, String method, Object... params) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(u).POST(HttpRequest.BodyPublishers.ofString(
                XmlRpcWriter.methodCall(method, List.of(params)))).build(), HttpResponse.BodyHandlers.ofByteArray());
        return XenApiResult.fromStruct(new XmlRpcReader().readResponse(r.body()));
    }

    @Test
    void mainPrintsTheBannerAndRejectsBadOptions() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (SimulatedPool p = SimMain.start(new String[] {"--port", "0", "--hosts", "2", "--vms", "3",
                "--sim-password", "secret"}, new PrintStream(buf, true, StandardCharsets.UTF_8))) {
            String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
            assertTrue(lines[0].matches("listening on http://127\\.0\\.0\\.1:\\d+/"), lines[0]);
            assertEquals("user root password secret role pool-admin", lines[1]);
            assertEquals(4, lines.length);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(SimMain.EXIT_USAGE, SimMain.run(new String[] {"--hosts", "zero"}, new PrintStream(err)));
        assertEquals(SimMain.EXIT_USAGE, SimMain.run(new String[] {"--frob", "1"}, new PrintStream(err)));
    }

    @Test
    void usersNeverShowPasswords() {
        for (SimUser u : pool.users()) {
            assertFalse(u.toString().contains("pw"), u.toString());
        }
    }
}
