package org.xenwbem.provider.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.cimom.WritableProvider;

/** Put (whole and fragment), Create, Delete, fragment Get, GetStatus/Renew, UTF-16LE. */
class TransferWritesTest {
    private static final String P = WsmanServiceTest.P;
    private final Map<String, CimInstance> store = new ConcurrentHashMap<>();
    private ClassRepository classes;
    private WsmanService service;

    @BeforeEach
    void setUp() {
        classes = SchemaLoader.cimv2();
        store.put("vm-1", vm("vm-1", "first"));
        WritableProvider p = new WritableProvider() {
            @Override
            public String className() {
                return "Xen_ComputerSystem";
            }

            @Override
            public List<CimInstance> enumerate(RequestContext ctx) {
                return new ArrayList<>(store.values());
            }

            @Override
            public CimInstance modifyInstance(RequestContext ctx, CimObjectPath path, CimInstance m, List<String> props) {
                CimInstance.Builder b = CimInstance.builder(m.cimClass()).namespace("root/cimv2");
                CimInstance cur = store.get((String) path.key("Name"));
                cur.values().forEach(b::set);
                props.forEach(n -> b.set(n, m.get(n)));
                CimInstance next = b.build();
                store.put((String) path.key("Name"), next);
                return next;
            }

            @Override
            public CimObjectPath createInstance(RequestContext ctx, CimInstance t) {
                CimInstance made = vm("vm-" + (store.size() + 1), (String) t.get("ElementName"));
                store.put((String) made.get("Name"), made);
                return made.path();
            }

            @Override
            public void deleteInstance(RequestContext ctx, CimObjectPath path) {
                store.remove((String) path.key("Name"));
            }
        };
        service = new WsmanService(CimOperations.builder().namespace("root/cimv2", classes).provider("root/cimv2", p).build(),
                "t", 8, Duration.ofMinutes(1));
    }

    private CimInstance vm(String name, String label) {
        return CimInstance.builder(classes.get("Xen_ComputerSystem")).namespace("root/cimv2")
                .set("CreationClassName", "Xen_ComputerSystem").set("Name", name).set("ElementName", label)
                .set("Description", "d").build();
    }

    private static final String SEL = "<w:Selector Name=\"CreationClassName\">Xen_ComputerSystem</w:Selector>"
            + "<w:Selector Name=\"Name\">vm-1</w:Selector>";

    private String send(String action, String selectors, String headers, String body) {
        String xml = WsmanServiceTest.envelope(action, P + "Xen_ComputerSystem", selectors, headers, body);
        WsmanService.Response r = service.handle(xml.getBytes(StandardCharsets.UTF_8), null,
                new RequestContext("root", "pool-admin", "c", "t"), "https://h/wsman", false);
        return new String(r.body(), r.charset());
    }

    @Test
    void putChangesOnlyWhatWasSent() {
        String x = send(Ns.ACTION_PUT, SEL, null, "<q:Xen_ComputerSystem xmlns:q=\"" + P + "Xen_ComputerSystem\">"
                + "<q:ElementName>renamed</q:ElementName></q:Xen_ComputerSystem>");
        assertTrue(x.contains("PutResponse") && x.contains("<p:ElementName>renamed</p:ElementName>"), x);
        assertEquals("d", store.get("vm-1").get("Description"));
    }

    @Test
    void fragmentGetAndPut() {
        String frag = "<w:FragmentTransfer s:mustUnderstand=\"true\">ElementName</w:FragmentTransfer>";
        String g = send(Ns.ACTION_GET, SEL, frag, "");
        assertTrue(g.contains("<wsman:XmlFragment") && g.contains("<p:ElementName>first</p:ElementName></wsman:XmlFragment>"), g);
        String text = send(Ns.ACTION_GET, SEL, frag.replace("ElementName<", "ElementName/text()<"), "");
        assertTrue(text.contains("<wsman:XmlFragment>first</wsman:XmlFragment>"), text);
        String p = send(Ns.ACTION_PUT, SEL, frag, "<w:XmlFragment><q:ElementName xmlns:q=\"urn:x\">second</q:ElementName></w:XmlFragment>");
        assertTrue(p.contains("<p:ElementName>second</p:ElementName>"), p);
        assertEquals("second", store.get("vm-1").get("ElementName"));
        String bad = send(Ns.ACTION_GET, SEL, frag.replace("ElementName<", "Nope<"), "");
        assertTrue(bad.contains("InvalidFragment"), bad);
    }

    @Test
    void createAndDelete() {
        String c = send(Ns.ACTION_CREATE, null, null, "<q:Xen_ComputerSystem xmlns:q=\"" + P + "Xen_ComputerSystem\">"
                + "<q:ElementName>new</q:ElementName></q:Xen_ComputerSystem>");
        assertTrue(c.contains("<wxf:ResourceCreated><wsa:Address>https://h/wsman</wsa:Address>"), c);
        assertTrue(c.contains("<wsman:Selector Name=\"Name\">vm-2</wsman:Selector>"), c);
        String d = send(Ns.ACTION_DELETE, SEL, null, "");
        assertTrue(d.contains("DeleteResponse"), d);
        assertTrue(send(Ns.ACTION_GET, SEL, null, "").contains("DestinationUnreachable"));
    }

    /** Put and Delete by the natural key: the resource URI's class is the CreationClassName. */
    @Test
    void putAndDeleteByName() {
        String byName = "<w:Selector Name=\"Name\">vm-1</w:Selector>";
        String x = send(Ns.ACTION_PUT, byName, null, "<q:Xen_ComputerSystem xmlns:q=\"" + P + "Xen_ComputerSystem\">"
                + "<q:ElementName>by name</q:ElementName></q:Xen_ComputerSystem>");
        assertTrue(x.contains("PutResponse") && x.contains("<p:ElementName>by name</p:ElementName>"), x);
        assertTrue(send(Ns.ACTION_DELETE, byName, null, "").contains("DeleteResponse"));
        assertTrue(store.isEmpty(), store.toString());
    }

    @Test
    void putOfUnknownPropertyIsSchemaValidation() {
        String x = send(Ns.ACTION_PUT, SEL, null, "<q:Xen_ComputerSystem xmlns:q=\"" + P + "Xen_ComputerSystem\">"
                + "<q:Bogus>1</q:Bogus></q:Xen_ComputerSystem>");
        assertTrue(x.contains("SchemaValidationError"), x);
    }

    @Test
    void getStatusAndRenew() {
        String e = send(Ns.ACTION_ENUMERATE, null, null, "<n:Enumerate><n:Expires>PT30S</n:Expires></n:Enumerate>");
        String ctx = e.substring(e.indexOf("<wsen:EnumerationContext>") + 25, e.indexOf("</wsen:EnumerationContext>"));
        String st = send(Ns.ACTION_GET_STATUS, null, null, "<n:GetStatus><n:EnumerationContext>" + ctx + "</n:EnumerationContext></n:GetStatus>");
        assertTrue(st.contains("<wsen:Expires>PT30S</wsen:Expires>"), st);
        String rn = send(Ns.ACTION_RENEW, null, null, "<n:Renew><n:EnumerationContext>" + ctx
                + "</n:EnumerationContext><n:Expires>PT5M</n:Expires></n:Renew>");
        assertTrue(rn.contains("<wsen:Expires>PT5M</wsen:Expires>"), rn);
    }

    @Test
    void utf16LittleEndianWithBom() {
        String xml = "<?xml version=\"1.0\" encoding=\"utf-16\"?>"
                + WsmanServiceTest.envelope(Ns.ACTION_GET, P + "Xen_ComputerSystem", SEL, null, "");
        byte[] le = xml.getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[le.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(le, 0, withBom, 2, le.length);
        WsmanService.Response r = service.handle(withBom, "application/soap+xml;charset=UTF-16", 
                new RequestContext("root", "pool-admin", "c", "t"), "https://h/wsman", false);
        assertTrue(r.contentType().endsWith("UTF-16"), r.contentType());
        assertEquals((byte) 0xFF, r.body()[0], "little-endian BOM, as the request");
        assertTrue(new String(r.body(), StandardCharsets.UTF_16).contains("<p:Name>vm-1</p:Name>"));
        byte[] truncated = java.util.Arrays.copyOf(withBom, withBom.length - 101);
        WsmanService.Response t = service.handle(truncated, "application/soap+xml;charset=UTF-16",
                new RequestContext("root", "pool-admin", "c", "t"), "https://h/wsman", false);
        assertEquals(500, t.status());
        assertTrue(new String(t.body(), StandardCharsets.UTF_16).contains("SchemaValidationError"));
    }
}
