package org.xenwbem.provider.cimxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.writes.EditFixture;

/**
 * ModifyInstance (with and without PropertyList), SetProperty, CreateInstance and DeleteInstance over
 * CIM-XML, on the real catalog made editable on a simulated pool.
 */
class WriteCallsTest {
    private static EditFixture fx;
    private static CimXmlService service;
    private static String vm;

    @BeforeAll
    static void setUp() throws Exception {
        fx = new EditFixture();
        service = new CimXmlService(fx.ops);
        vm = fx.haltedVm();
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    private static String call(RequestContext who, String method, String params) {
        String body = "<?xml version=\"1.0\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"3\" PROTOCOLVERSION=\"1.0\">"
                + "<SIMPLEREQ><IMETHODCALL NAME=\"" + method + "\"><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/>"
                + "<NAMESPACE NAME=\"cimv2\"/></LOCALNAMESPACEPATH>" + params + "</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>";
        return new String(service.handle(body.getBytes(StandardCharsets.UTF_8), "MethodCall", method, "root/cimv2", who,
                "h").body(), StandardCharsets.UTF_8);
    }

    private static String call(String method, String params) {
        return call(EditFixture.root(), method, params);
    }

    private static String param(String name, String value) {
        return "<IPARAMVALUE NAME=\"" + name + "\"><VALUE>" + value + "</VALUE></IPARAMVALUE>";
    }

    private static String instanceName() {
        return "<INSTANCENAME CLASSNAME=\"Xen_ComputerSystem\"><KEYBINDING NAME=\"CreationClassName\"><KEYVALUE>"
                + "Xen_ComputerSystem</KEYVALUE></KEYBINDING><KEYBINDING NAME=\"Name\"><KEYVALUE>" + vm
                + "</KEYVALUE></KEYBINDING></INSTANCENAME>";
    }

    private static String modified(String properties) {
        return "<IPARAMVALUE NAME=\"ModifiedInstance\"><VALUE.NAMEDINSTANCE>" + instanceName()
                + "<INSTANCE CLASSNAME=\"Xen_ComputerSystem\">" + properties + "</INSTANCE></VALUE.NAMEDINSTANCE></IPARAMVALUE>";
    }

    private static String property(String name, String value) {
        return "<PROPERTY NAME=\"" + name + "\" TYPE=\"string\"><VALUE>" + value + "</VALUE></PROPERTY>";
    }

    private static Object field(String field) {
        return fx.sim.vmRecord(vm).get(field);
    }

    @Test
    void setPropertyRenamesTheVmAndTheNextGetShowsIt() {
        String s = call("SetProperty", "<IPARAMVALUE NAME=\"InstanceName\">" + instanceName() + "</IPARAMVALUE>"
                + param("PropertyName", "ElementName") + param("NewValue", "set-by-cimxml"));
        assertFalse(s.contains("<ERROR"), s);
        assertEquals("set-by-cimxml", field("name_label"));
        String g = call("GetInstance", "<IPARAMVALUE NAME=\"InstanceName\">" + instanceName() + "</IPARAMVALUE>");
        assertTrue(g.contains("<PROPERTY NAME=\"ElementName\" TYPE=\"string\"><VALUE>set-by-cimxml</VALUE>"), g);
    }

    @Test
    void modifyInstanceWithoutPropertyListChangesWhatTheInstanceCarries() {
        Object label = field("name_label");
        String m = call("ModifyInstance", modified(property("Description", "new desc")));
        assertFalse(m.contains("<ERROR"), m);
        assertEquals("new desc", field("name_description"));
        assertEquals(label, field("name_label"), "ElementName was not sent, so it stays");
    }

    @Test
    void modifyInstanceWithPropertyListChangesOnlyTheListedProperties() {
        Object description = field("name_description");
        String m = call("ModifyInstance", modified(property("ElementName", "listed") + property("Description", "not listed")
                + property("Caption", "ignored as it is not listed"))
                + "<IPARAMVALUE NAME=\"PropertyList\"><VALUE.ARRAY><VALUE>ElementName</VALUE></VALUE.ARRAY></IPARAMVALUE>");
        assertFalse(m.contains("<ERROR"), m);
        assertEquals("listed", field("name_label"));
        assertEquals(description, field("name_description"));
    }

    @Test
    void aReadOnlyPropertyIsNotSupportedAndTheErrorNamesTheWritableOnes() {
        String m = call("ModifyInstance", modified(property("Caption", "mine")));
        assertTrue(m.contains("<ERROR CODE=\"7\" DESCRIPTION=\"Caption is read-only in Xen_ComputerSystem; the writable"
                + " properties are ElementName, Description\""), m);
    }

    @Test
    void aReaderIsAccessDenied() {
        Object label = field("name_label");
        String s = call(EditFixture.as("reader", "read-only"), "SetProperty", "<IPARAMVALUE NAME=\"InstanceName\">"
                + instanceName() + "</IPARAMVALUE>" + param("PropertyName", "ElementName") + param("NewValue", "x"));
        assertTrue(s.contains("<ERROR CODE=\"2\" DESCRIPTION=\"reader (read-only) may not change ElementName"), s);
        assertEquals(label, field("name_label"));
    }

    @Test
    void createAndDeleteAreNotSupported() {
        String c = call("CreateInstance", "<IPARAMVALUE NAME=\"NewInstance\"><INSTANCE CLASSNAME=\"Xen_ComputerSystem\">"
                + "</INSTANCE></IPARAMVALUE>");
        assertTrue(c.contains("<ERROR CODE=\"7\""), c);
        String d = call("DeleteInstance", "<IPARAMVALUE NAME=\"InstanceName\">" + instanceName() + "</IPARAMVALUE>");
        assertTrue(d.contains("<ERROR CODE=\"7\""), d);
        assertTrue(fx.sim.vmUuids().contains(vm));
    }
}
