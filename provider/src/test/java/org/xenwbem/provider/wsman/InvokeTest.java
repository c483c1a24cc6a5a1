package org.xenwbem.provider.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.cimom.MethodProvider;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.cimom.TestProviders;

/** WS-Man Invoke: action, typed input, output with an EPR, faults for unknown methods and parameters. */
class InvokeTest {
    private static final String P = WsmanServiceTest.P;
    private WsmanService service;
    private final AtomicReference<Map<String, Object>> seen = new AtomicReference<>();

    @BeforeEach
    void setUp() {
        ClassRepository classes = SchemaLoader.cimv2();
        CimInstance vm = CimInstance.builder(classes.get("Xen_ComputerSystem")).namespace("root/cimv2")
                .set("CreationClassName", "Xen_ComputerSystem").set("Name", "vm-1").build();
        InstanceProvider ip = TestProviders.instances("Xen_ComputerSystem", List.of(vm));
        MethodProvider mp = TestProviders.methods("Xen_ComputerSystem", (ctx, target, method, in) -> {
            seen.set(Map.of("target", target, "method", method.name(), "in", in));
            CimObjectPath job = new CimObjectPath("root/cimv2", "CIM_ConcreteJob", Map.of("InstanceID", "Xen:task-1"));
            return new MethodResult(4096L, Map.of("Job", job));
        });
        CimOperations ops = CimOperations.builder().namespace("root/cimv2", classes).provider("root/cimv2", ip)
                .methods("root/cimv2", mp).build();
        service = new WsmanService(ops, "test", 8, Duration.ofMinutes(1));
    }

    private String invoke(String method, String body) {
        String xml = WsmanServiceTest.envelope(P + "Xen_ComputerSystem/" + method, P + "Xen_ComputerSystem",
                "<w:Selector Name=\"CreationClassName\">Xen_ComputerSystem</w:Selector><w:Selector Name=\"Name\">vm-1</w:Selector>",
                null, body);
        WsmanService.Response r = service.handle(xml.getBytes(StandardCharsets.UTF_8), null,
                new RequestContext("root", "pool-admin", "c", "t"), "https://h:5989/wsman", false);
        return new String(r.body(), r.charset());
    }

    @Test
    void invokeTypesInputAndReturnsJobEpr() {
        String x = invoke("RequestStateChange", "<q:RequestStateChange_INPUT xmlns:q=\"" + P + "Xen_ComputerSystem\">"
                + "<q:RequestedState>2</q:RequestedState></q:RequestStateChange_INPUT>");
        assertTrue(x.contains("<p:RequestStateChange_OUTPUT"), x);
        assertTrue(x.contains("<p:ReturnValue>4096</p:ReturnValue>"), x);
        assertTrue(x.contains("<p:Job><wsa:Address>https://h:5989/wsman</wsa:Address>"), x);
        assertTrue(x.contains("<wsman:ResourceURI>http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ConcreteJob</wsman:ResourceURI>")
                || x.contains("CIM_ConcreteJob</wsman:ResourceURI>"), x);
        assertTrue(x.contains("<wsa:Action>" + P + "Xen_ComputerSystem/RequestStateChangeResponse</wsa:Action>"), x);
        @SuppressWarnings("unchecked")
        Map<String, Object> in = (Map<String, Object>) seen.get().get("in");
        assertEquals(2L, in.get("RequestedState"));
        assertEquals("vm-1", ((CimObjectPath) seen.get().get("target")).key("Name"));
    }

    @Test
    void unknownMethodIsActionNotSupported() {
        String x = invoke("Explode", "<q:Explode_INPUT xmlns:q=\"" + P + "Xen_ComputerSystem\"/>");
        assertTrue(x.contains("ActionNotSupported"), x);
    }

    @Test
    void unknownOrOutputOnlyParameterIsRefused() {
        String x = invoke("RequestStateChange", "<q:RequestStateChange_INPUT xmlns:q=\"" + P + "Xen_ComputerSystem\">"
                + "<q:Job>x</q:Job></q:RequestStateChange_INPUT>");
        assertTrue(x.contains("InvalidParameter"), x);
        String bad = invoke("RequestStateChange", "<q:RequestStateChange_INPUT xmlns:q=\"" + P + "Xen_ComputerSystem\">"
                + "<q:RequestedState>lots</q:RequestedState></q:RequestStateChange_INPUT>");
        assertTrue(bad.contains("InvalidParameter") && bad.contains("RequestedState"), bad);
    }

    @Test
    void wrongBodyElementIsSchemaValidationError() {
        String x = invoke("RequestStateChange", "<q:Other xmlns:q=\"" + P + "Xen_ComputerSystem\"/>");
        assertTrue(x.contains("SchemaValidationError"), x);
    }
}
