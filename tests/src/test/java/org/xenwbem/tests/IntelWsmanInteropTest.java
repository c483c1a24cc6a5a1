package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Intel's WS-Man message builder (npm {@code @device-management-toolkit/wsman-messages}), with our
 * small Node https transport ({@code clients/intel_wsman.mjs}). Its envelopes use the default
 * namespace for SOAP and WS-Enumeration, no mustUnderstand, integer MessageIDs (P2, P3), a relative
 * {@code wsa:To} of {@code /wsman}, and MaxCharacters 99999 in every Pull.
 */
class IntelWsmanInteropTest {
    static final String PACKAGE = "@device-management-toolkit/wsman-messages@5.14.1";
    /** The npm cache of the test run; survives between runs of the same checkout. */
    static final Path NPM_PREFIX = Path.of("target", "npm").toAbsolutePath();

    private static DaemonFixture fx;
    private static Path script;

    @BeforeAll
    static void start() throws Exception {
        ExternalTool.require("node");
        ExternalTool.require("npm");
        installLibrary();
        fx = new DaemonFixture(7);
        script = fx.scratch("intel").resolve("intel_wsman.mjs");
        try (var in = IntelWsmanInteropTest.class.getResourceAsStream("/clients/intel_wsman.mjs")) {
            Files.copy(in, script);
        }
    }

    /** npm install into target/npm unless that version is already there. */
    private static void installLibrary() throws Exception {
        Path pkg = NPM_PREFIX.resolve("node_modules/@device-management-toolkit/wsman-messages/package.json");
        if (Files.exists(pkg) && Files.readString(pkg).contains("\"version\": \"5.14.1\"")) {
            return;
        }
        Files.createDirectories(NPM_PREFIX);
        ExternalTool.Result r = ExternalTool.run(List.of("npm", "install", "--prefix", NPM_PREFIX.toString(),
                "--no-audit", "--no-fund", "--no-save", PACKAGE), Map.of(), NPM_PREFIX, Duration.ofMinutes(3));
        if (r.exit() != 0 || !Files.exists(pkg)) {
            if ("1".equals(System.getenv("XENWBEM_REQUIRE_CLIENTS"))) {
                fail("npm could not install " + PACKAGE + ": " + r);
            }
            assumeTrue(false, "npm could not install " + PACKAGE + " (offline?): " + r);
        }
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private static List<Map<String, Object>> node(String password, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("node", script.toString(), NPM_PREFIX.toString(), fx.wsmanUrl(),
                "root", password));
        cmd.addAll(List.of(args));
        ExternalTool.Result r = ExternalTool.run(cmd, Map.of(), fx.scratch("intel"), Duration.ofSeconds(60));
        assertEquals(0, r.exit(), r.toString());
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : r.out().lines().filter(l -> !l.isBlank()).toList()) {
            out.add(MiniJson.object(line));
        }
        assertFalse(out.isEmpty(), r.toString());
        return out;
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> m, String key) {
        return (List<String>) m.get(key);
    }

    /** Every answer: application/soap+xml, and RelatesTo the library's integer MessageID unchanged (P3). */
    private static void assertAnswersTheMessage(Map<String, Object> x) {
        assertTrue(((String) x.get("contentType")).startsWith("application/soap+xml"), x.toString());
        assertTrue(((String) x.get("messageId")).matches("\\d+"), "the library numbers its messages: " + x);
        assertEquals(x.get("messageId"), x.get("relatesTo"), x.toString());
    }

    @Test
    void identify() throws Exception {
        Map<String, Object> x = node(DaemonFixture.PASSWORD, "identify").get(0);
        assertEquals(200.0, num(x, "status"), x.toString());
        assertEquals("http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", x.get("protocolVersion"), x.toString());
        assertTrue(((String) x.get("productVendor")).contains("xenwbem"), x.toString());
    }

    @Test
    void enumerateThenPullPagesByMaxElementsWithMaxCharacters() throws Exception {
        List<Map<String, Object>> xs = node(DaemonFixture.PASSWORD, "enum", "Xen_ComputerSystem", "2");
        Map<String, Object> enumerate = xs.get(0);
        assertEquals("enumerate", enumerate.get("op"));
        assertEquals(200.0, num(enumerate, "status"), enumerate.toString());
        assertAnswersTheMessage(enumerate);
        assertNotNull(enumerate.get("context"), "a plain Enumerate answers a context: " + enumerate);
        TreeSet<String> names = new TreeSet<>();
        List<Map<String, Object>> pulls = xs.subList(1, xs.size() - 1);
        for (Map<String, Object> p : pulls) {
            assertEquals(200.0, num(p, "status"), p.toString());
            assertAnswersTheMessage(p);
            assertTrue(list(p, "names").size() <= 2, "MaxElements 2 is honoured: " + p);
            names.addAll(list(p, "names"));
        }
        Map<String, Object> last = pulls.get(pulls.size() - 1);
        assertTrue((Boolean) last.get("endOfSequence"), last.toString());
        assertNull(last.get("context"), "EndOfSequence comes without a context: " + last);
        int vms = fx.systemVmUuids().size();
        assertEquals((vms + 1) / 2.0, num(xs.get(xs.size() - 1), "pulls"), 0.0, xs.toString());
        assertEquals(new TreeSet<>(fx.systemVmUuids()), names);
    }

    @Test
    void getByBothKeys() throws Exception {
        String vm = fx.systemVmUuids().get(0);
        Map<String, Object> x = node(DaemonFixture.PASSWORD, "get", "Xen_ComputerSystem",
                "CreationClassName=Xen_ComputerSystem,Name=" + vm).get(0);
        assertEquals(200.0, num(x, "status"), x.toString());
        assertAnswersTheMessage(x);
        assertEquals(List.of(vm), list(x, "names"), x.toString());
        assertEquals(List.of(fx.sim().vmRecord(vm).get("name_label")), list(x, "elementNames"), x.toString());
    }

    @Test
    void unknownInstanceIsAWsmanFault() throws Exception {
        Map<String, Object> x = node(DaemonFixture.PASSWORD, "get", "Xen_ComputerSystem",
                "CreationClassName=Xen_ComputerSystem,Name=no-such-vm").get(0);
        assertTrue((Boolean) x.get("fault"), x.toString());
        assertAnswersTheMessage(x);
        assertTrue(list(x, "code").stream().anyMatch(c -> c.endsWith(":DestinationUnreachable")), x.toString());
        assertEquals("2150858752", x.get("wsmanFault"), x.toString());
    }

    /**
     * Invoke RequestStateChange(RequestedState=2) on a VM, built by the library's createBody. Until a
     * method provider exists the answer may be a fault, but then a WS-Man one: SOAP 1.2 Fault with a
     * WSManFault detail, RelatesTo the MessageID, no stack trace.
     */
    @Test
    void invokeRequestStateChangeAnswersOutputOrAWsmanFault() throws Exception {
        String vm = fx.systemVmUuids().get(1);
        Map<String, Object> x = node(DaemonFixture.PASSWORD, "invoke", "Xen_ComputerSystem", "RequestStateChange",
                "CreationClassName=Xen_ComputerSystem,Name=" + vm, "RequestedState=2").get(0);
        assertAnswersTheMessage(x);
        String body = String.valueOf(x.get("body"));
        assertFalse(body.contains("\tat ") || body.contains("Exception"), "no stack trace: " + x);
        if ((Boolean) x.get("fault")) {
            double status = num(x, "status");
            assertTrue(status == 500 || status == 400, x.toString());
            assertNotNull(x.get("wsmanFault"), "the fault carries a WSManFault code: " + x);
            System.out.println("Intel Invoke RequestStateChange answered a fault: " + x.get("code") + " "
                    + x.get("faultDetail"));
        } else {
            assertEquals(200.0, num(x, "status"), x.toString());
            assertTrue((Boolean) x.get("output"), "RequestStateChange_OUTPUT: " + x);
            assertNotNull(x.get("returnValue"), x.toString());
        }
    }

    /** Get by the natural key alone (issue #17): the resource URI's class is the CreationClassName. */
    @Test
    void getByNameAlone() throws Exception {
        String vm = fx.systemVmUuids().get(0);
        Map<String, Object> x = node(DaemonFixture.PASSWORD, "get", "Xen_ComputerSystem", "Name=" + vm).get(0);
        assertEquals(200.0, num(x, "status"), x.toString());
        assertAnswersTheMessage(x);
        assertEquals(List.of(vm), list(x, "names"), x.toString());
    }

    /** A key the resource URI does not determine (the VM's Name) is still InvalidSelectors / InsufficientSelectors. */
    @Test
    void aMissingNameIsInsufficientSelectors() throws Exception {
        Map<String, Object> x = node(DaemonFixture.PASSWORD, "get", "Xen_ComputerSystem",
                "CreationClassName=Xen_ComputerSystem").get(0);
        assertTrue((Boolean) x.get("fault"), x.toString());
        assertAnswersTheMessage(x);
        assertEquals("http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/InsufficientSelectors", x.get("faultDetail"),
                x.toString());
    }

    @Test
    void wrongPasswordIs401() throws Exception {
        Map<String, Object> x = node("wrong", "identify").get(0);
        assertEquals(401.0, num(x, "status"), x.toString());
    }
}
