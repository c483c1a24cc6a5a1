package org.xenwbem.provider.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.writes.EditFixture;

/**
 * Put (whole and fragment), Create, Delete, fragment Get, GetStatus/Renew and UTF-16LE, against the
 * real catalog made editable on a simulated pool (the writes reach the simulator through xapi).
 */
class TransferWritesTest {
    private static final String P = WsmanServiceTest.P;
    private static final String FRAGMENT = "<w:FragmentTransfer s:mustUnderstand=\"true\">ElementName</w:FragmentTransfer>";
    private static EditFixture fx;
    private static WsmanService service;
    private static String vm;
    private static String sel;

    @BeforeAll
    static void setUp() throws Exception {
        fx = new EditFixture();
        service = new WsmanService(fx.ops, "t", 8, Duration.ofMinutes(1));
        vm = fx.haltedVm();
        sel = "<w:Selector Name=\"CreationClassName\">Xen_ComputerSystem</w:Selector><w:Selector Name=\"Name\">" + vm
                + "</w:Selector>";
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    private static String send(String action, String selectors, String headers, String body) {
        return send(EditFixture.root(), action, selectors, headers, body);
    }

    private static String send(RequestContext who, String action, String selectors, String headers, String body) {
        String xml = WsmanServiceTest.envelope(action, P + "Xen_ComputerSystem", selectors, headers, body);
        WsmanService.Response r = service.handle(xml.getBytes(StandardCharsets.UTF_8), null, who, "https://h/wsman", false);
        return new String(r.body(), r.charset());
    }

    private static Object label() {
        return fx.sim.vmRecord(vm).get("name_label");
    }

    @Test
    void putChangesOnlyWhatWasSent() {
        Object description = fx.sim.vmRecord(vm).get("name_description");
        String x = send(Ns.ACTION_PUT, sel, null, "<q:Xen_ComputerSystem xmlns:q=\"" + P + "Xen_ComputerSystem\">"
                + "<q:ElementName>renamed</q:ElementName></q:Xen_ComputerSystem>");
        assertTrue(x.contains("PutResponse") && x.contains("<p:ElementName>renamed</p:ElementName>"), x);
        assertEquals("renamed", label());
        assertEquals(description, fx.sim.vmRecord(vm).get("name_description"));
    }

    @Test
    void fragmentGetAndPutOfAHaltedVmsElementName() {
        String g = send(Ns.ACTION_GET, sel, FRAGMENT, "");
        assertTrue(g.contains("<wsman:XmlFragment") && g.contains("<p:ElementName>" + label()
                + "</p:ElementName></wsman:XmlFragment>"), g);
        String p = send(Ns.ACTION_PUT, sel, FRAGMENT, "<w:XmlFragment><q:ElementName xmlns:q=\"urn:x\">second</q:ElementName>"
                + "</w:XmlFragment>");
        assertTrue(p.contains("<p:ElementName>second</p:ElementName>"), p);
        assertEquals("second", label());
        String text = send(Ns.ACTION_GET, sel, FRAGMENT.replace("ElementName<", "ElementName/text()<"), "");
        assertTrue(text.contains("<wsman:XmlFragment>second</wsman:XmlFragment>"), "read back at once: " + text);
        String bad = send(Ns.ACTION_GET, sel, FRAGMENT.replace("ElementName<", "Nope<"), "");
        assertTrue(bad.contains("InvalidFragment"), bad);
    }

    @Test
    void aReadOnlyFragmentIsAnInvalidRepresentationNamingTheWritableProperties() {
        String x = send(Ns.ACTION_PUT, sel, FRAGMENT.replace("ElementName<", "Caption<"),
                "<w:XmlFragment><q:Caption xmlns:q=\"urn:x\">mine</q:Caption></w:XmlFragment>");
        assertTrue(x.contains("xmlns:sub=\"http://schemas.xmlsoap.org/ws/2004/09/transfer\">sub:InvalidRepresentation"), x);
        assertTrue(x.contains("http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/ReadOnly"), x);
        assertTrue(x.contains("Caption is read-only in Xen_ComputerSystem; the writable properties are ElementName,"
                + " Description"), x);
        assertTrue(x.contains("Code=\"2150858773\""), "WinRM's ERROR_WSMAN_INVALID_REPRESENTATION: " + x);
    }

    @Test
    void aReadersPutIsAccessDeniedByXapi() {
        Object before = label();
        String x = send(EditFixture.as("reader", "read-only"), Ns.ACTION_PUT, sel, FRAGMENT,
                "<w:XmlFragment><q:ElementName xmlns:q=\"urn:x\">mine</q:ElementName></w:XmlFragment>");
        assertTrue(x.contains("sub:AccessDenied"), x);
        assertTrue(x.contains("reader (read-only) may not change ElementName of Xen_ComputerSystem"), x);
        assertEquals(before, label());
    }

    @Test
    void createAndDeleteOfAVmAreRefusedPrecisely() {
        String c = send(Ns.ACTION_CREATE, null, null, "<q:Xen_ComputerSystem xmlns:q=\"" + P + "Xen_ComputerSystem\">"
                + "<q:ElementName>new</q:ElementName></q:Xen_ComputerSystem>");
        assertTrue(c.contains("sub:UnsupportedFeature") && c.contains("Xen_ComputerSystem instances cannot be created"), c);
        String d = send(Ns.ACTION_DELETE, sel, null, "");
        assertTrue(d.contains("sub:UnsupportedFeature") && d.contains("Xen_ComputerSystem instances cannot be deleted"), d);
        assertTrue(fx.sim.vmUuids().contains(vm));
    }

    /** Put and Delete by the natural key: the resource URI's class is the CreationClassName. */
    @Test
    void putAndDeleteByName() {
        String byName = "<w:Selector Name=\"Name\">" + vm + "</w:Selector>";
        String x = send(Ns.ACTION_PUT, byName, null, "<q:Xen_ComputerSystem xmlns:q=\"" + P + "Xen_ComputerSystem\">"
                + "<q:ElementName>by name</q:ElementName></q:Xen_ComputerSystem>");
        assertTrue(x.contains("PutResponse") && x.contains("<p:ElementName>by name</p:ElementName>"), x);
        assertEquals("by name", label());
        // the key is completed, so the Delete reaches the provider, which refuses it (not InsufficientSelectors)
        String d = send(Ns.ACTION_DELETE, byName, null, "");
        assertTrue(d.contains("Xen_ComputerSystem instances cannot be deleted"), d);
        assertTrue(fx.sim.vmUuids().contains(vm));
    }

    @Test
    void putOfUnknownPropertyIsSchemaValidation() {
        String x = send(Ns.ACTION_PUT, sel, null, "<q:Xen_ComputerSystem xmlns:q=\"" + P + "Xen_ComputerSystem\">"
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
                + WsmanServiceTest.envelope(Ns.ACTION_GET, P + "Xen_ComputerSystem", sel, null, "");
        byte[] le = xml.getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[le.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(le, 0, withBom, 2, le.length);
        WsmanService.Response r = service.handle(withBom, "application/soap+xml;charset=UTF-16", EditFixture.root(),
                "https://h/wsman", false);
        assertTrue(r.contentType().endsWith("UTF-16"), r.contentType());
        assertEquals((byte) 0xFF, r.body()[0], "little-endian BOM, as the request");
        assertTrue(new String(r.body(), StandardCharsets.UTF_16).contains("<p:Name>" + vm + "</p:Name>"));
        byte[] truncated = java.util.Arrays.copyOf(withBom, withBom.length - 101);
        WsmanService.Response t = service.handle(truncated, "application/soap+xml;charset=UTF-16", EditFixture.root(),
                "https://h/wsman", false);
        assertEquals(500, t.status());
        assertTrue(new String(t.body(), StandardCharsets.UTF_16).contains("SchemaValidationError"));
    }
}
