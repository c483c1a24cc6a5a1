package org.xenwbem.provider.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.MethodProvider;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.cimom.TestProviders;
import org.xenwbem.provider.cimom.WritableProvider;

/**
 * One golden request/response pair per built-in action (Identify, Get, fragment Get, Put, Create,
 * Delete, Enumerate, Pull, Release, GetStatus, Renew, Invoke), in memory over a writable provider:
 * the whole envelope is compared, so a change in how any action is decoded or encoded shows here.
 */
class ActionGoldenTest {
    private static final String P = WsmanServiceTest.P;
    private static final String CS = P + "Xen_ComputerSystem";
    private static final String VM1 = "<w:Selector Name=\"CreationClassName\">Xen_ComputerSystem</w:Selector>"
            + "<w:Selector Name=\"Name\">vm-1</w:Selector>";
    private static final RequestContext ALICE = new RequestContext("alice", "pool-admin", "127.0.0.1", "t");
    private WsmanService service;

    /** Xen_ComputerSystem over a list: Put replaces, Create appends, Delete removes. */
    private static final class Vms implements WritableProvider {
        final List<CimInstance> items = new CopyOnWriteArrayList<>();

        @Override
        public String className() {
            return "Xen_ComputerSystem";
        }

        @Override
        public List<CimInstance> enumerate(RequestContext ctx) {
            return items;
        }

        @Override
        public CimInstance modifyInstance(RequestContext ctx, CimObjectPath path, CimInstance modified,
                                          List<String> propertyList) {
            CimInstance current = items.stream().filter(i -> i.path().equals(path)).findFirst().orElseThrow();
            CimInstance.Builder b = CimInstance.builder(current.cimClass()).namespace(current.namespace());
            current.values().forEach(b::set);
            propertyList.forEach(p -> b.set(p, modified.get(p)));
            CimInstance updated = b.build();
            items.set(items.indexOf(current), updated);
            return updated;
        }

        @Override
        public CimObjectPath createInstance(RequestContext ctx, CimInstance template) {
            items.add(template);
            return template.path();
        }

        @Override
        public void deleteInstance(RequestContext ctx, CimObjectPath path) {
            items.removeIf(i -> i.path().equals(path));
        }
    }

    @BeforeEach
    void setUp() {
        ClassRepository classes = SchemaLoader.cimv2();
        Vms vms = new Vms();
        for (int i = 0; i < 3; i++) {
            vms.items.add(CimInstance.builder(classes.get("Xen_ComputerSystem")).namespace("root/cimv2")
                    .set("CreationClassName", "Xen_ComputerSystem").set("Name", "vm-" + i)
                    .set("ElementName", "VM " + i).set("EnabledState", 2L).build());
        }
        MethodProvider mp = TestProviders.methods("Xen_ComputerSystem", (ctx, target, method, in) -> new MethodResult(
                4096L, Map.of("Job", new CimObjectPath("root/cimv2", "CIM_ConcreteJob", Map.of("InstanceID", "Xen:task-1")))));
        CimOperations ops = CimOperations.builder().namespace("root/cimv2", classes).provider("root/cimv2", vms)
                .methods("root/cimv2", mp).build();
        service = new WsmanService(ops, "test", 8, Duration.ofMinutes(1));
    }

    private String send(String xml) {
        WsmanService.Response r = service.handle(xml.getBytes(StandardCharsets.UTF_8),
                "application/soap+xml;charset=UTF-8", ALICE, "https://h:5989/wsman", false);
        return new String(r.body(), r.charset());
    }

    /** The response's own MessageID and the context identifiers differ per run. */
    private static String normalize(String xml) {
        return ClassSchemaTest.normalize(xml).replaceAll("<wsen:EnumerationContext>[^<]+</wsen:EnumerationContext>",
                "<wsen:EnumerationContext>*</wsen:EnumerationContext>");
    }

    private static String contextOf(String xml) {
        int at = xml.indexOf("<wsen:EnumerationContext>") + "<wsen:EnumerationContext>".length();
        return xml.substring(at, xml.indexOf("</wsen:EnumerationContext>", at));
    }

    /** Compares with the golden response; with -Dxenwbem.golden.write=DIR writes the actual one there instead. */
    private static void assertGolden(String name, String actualResponse) throws IOException {
        String actual = normalize(actualResponse);
        String dir = System.getProperty("xenwbem.golden.write");
        if (dir != null) {
            Files.writeString(Path.of(dir, name + ".response.xml"), actual + "\n");
            return;
        }
        assertEquals(ClassSchemaTest.golden(name + ".response.xml"), actual);
    }

    private String sendGolden(String name) throws IOException {
        return send(ClassSchemaTest.golden(name + ".request.xml"));
    }

    @Test
    void identify() throws IOException {
        assertGolden("identify", sendGolden("identify"));
    }

    @Test
    void get() throws IOException {
        assertGolden("get", sendGolden("get"));
    }

    @Test
    void getFragment() throws IOException {
        assertGolden("get-fragment", sendGolden("get-fragment"));
    }

    @Test
    void put() throws IOException {
        assertGolden("put", sendGolden("put"));
    }

    @Test
    void create() throws IOException {
        assertGolden("create", sendGolden("create"));
    }

    @Test
    void delete() throws IOException {
        assertGolden("delete", sendGolden("delete"));
    }

    @Test
    void invoke() throws IOException {
        assertGolden("invoke", sendGolden("invoke"));
    }

    @Test
    void optimizedEnumerate() throws IOException {
        assertGolden("enumerate-optimized", sendGolden("enumerate-optimized"));
    }

    /** Enumerate, GetStatus, Renew, Pull, Pull to the end; then Enumerate and Release. */
    @Test
    void enumerationLifecycle() throws IOException {
        String en = sendGolden("enumerate");
        assertGolden("enumerate", en);
        String ctx = contextOf(en);
        assertGolden("getstatus", send(ClassSchemaTest.golden("getstatus.request.xml").replace("CONTEXT", ctx)));
        assertGolden("renew", send(ClassSchemaTest.golden("renew.request.xml").replace("CONTEXT", ctx)));
        assertGolden("pull", send(ClassSchemaTest.golden("pull.request.xml").replace("CONTEXT", ctx)));
        assertGolden("pull-last", send(ClassSchemaTest.golden("pull.request.xml").replace("CONTEXT", ctx)));
        String other = contextOf(sendGolden("enumerate"));
        assertGolden("release", send(ClassSchemaTest.golden("release.request.xml").replace("CONTEXT", other)));
    }
}
