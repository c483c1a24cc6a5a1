package org.xenwbem.provider.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.cimxml.CimXmlService;
import org.xenwbem.provider.classes.lifecycle.LifecycleFixtures;

/** CIM-XML listeners: filter, destination and subscription instances in root/interop, then exports. */
class CimXmlListenersTest {
    private static final long GB = 1L << 30;
    private final VmRecord halted = LifecycleFixtures.vm("aaaa", "alpha", PowerState.Halted, GB, 1);
    private final VmRecord running = LifecycleFixtures.vm("aaaa", "alpha", PowerState.Running, GB, 1);
    private FakeMirror mirror;
    private Eventing eventing;
    private CimXmlService service;
    private EventSink listener;

    @BeforeEach
    void setUp() throws Exception {
        ClassRepository classes = LifecycleFixtures.schema();
        mirror = new FakeMirror(LifecycleFixtures.snapshot(1, halted));
        eventing = Eventing.create(classes, WsEventingTest.OPTIONS, WsEventingTest.TRUST, LifecycleFixtures::toInstance,
                "host.example", Clock.systemUTC());
        CimOperations.Builder b = CimOperations.builder().namespace("root/cimv2", classes)
                .namespace(Eventing.INTEROP, classes);
        eventing.providers(Eventing.INTEROP).forEach(p -> b.provider(Eventing.INTEROP, p));
        service = new CimXmlService(b.build());
        eventing.start(mirror);
        listener = new EventSink();
    }

    @AfterEach
    void tearDown() {
        eventing.close();
        listener.close();
    }

    private String call(String method, String params) {
        return call("root", method, params);
    }

    private String call(String user, String method, String params) {
        String body = "<?xml version=\"1.0\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"3\""
                + " PROTOCOLVERSION=\"1.0\"><SIMPLEREQ><IMETHODCALL NAME=\"" + method + "\"><LOCALNAMESPACEPATH>"
                + "<NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"interop\"/></LOCALNAMESPACEPATH>" + params
                + "</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>";
        return new String(service.handle(body.getBytes(StandardCharsets.UTF_8), "MethodCall", method, "root/interop",
                new RequestContext(user, "pool-admin", "c", "t"), "h").body(), StandardCharsets.UTF_8);
    }

    private static String prop(String name, String value) {
        return "<PROPERTY NAME=\"" + name + "\" TYPE=\"string\"><VALUE>" + value + "</VALUE></PROPERTY>";
    }

    private static String keys(String cls, String name) {
        return "<INSTANCENAME CLASSNAME=\"" + cls + "\">"
                + "<KEYBINDING NAME=\"SystemCreationClassName\"><KEYVALUE VALUETYPE=\"string\">CIM_ComputerSystem</KEYVALUE></KEYBINDING>"
                + "<KEYBINDING NAME=\"SystemName\"><KEYVALUE VALUETYPE=\"string\">host.example</KEYVALUE></KEYBINDING>"
                + "<KEYBINDING NAME=\"CreationClassName\"><KEYVALUE VALUETYPE=\"string\">" + cls + "</KEYVALUE></KEYBINDING>"
                + "<KEYBINDING NAME=\"Name\"><KEYVALUE VALUETYPE=\"string\">" + name + "</KEYVALUE></KEYBINDING></INSTANCENAME>";
    }

    private String create(String cls, String props) {
        return call("CreateInstance", "<IPARAMVALUE NAME=\"NewInstance\"><INSTANCE CLASSNAME=\"" + cls + "\">" + props
                + "</INSTANCE></IPARAMVALUE>");
    }

    private String subscribeAll(String query) {
        assertFalse(create("CIM_IndicationFilter", prop("Name", "f1") + prop("Query", query)
                + prop("QueryLanguage", "WQL")).contains("ERROR"));
        assertFalse(create("CIM_ListenerDestinationCIMXML", prop("Name", "d1")
                + prop("Destination", listener.url("/cimlistener"))).contains("ERROR"));
        return create("CIM_IndicationSubscription", "<PROPERTY.REFERENCE NAME=\"Filter\"><VALUE.REFERENCE>"
                + keys("CIM_IndicationFilter", "f1") + "</VALUE.REFERENCE></PROPERTY.REFERENCE>"
                + "<PROPERTY.REFERENCE NAME=\"Handler\"><VALUE.REFERENCE>" + keys("CIM_ListenerDestinationCIMXML", "d1")
                + "</VALUE.REFERENCE></PROPERTY.REFERENCE>");
    }

    @Test
    void theStatusPageSeesTheListenerSubscription() {
        assertTrue(eventing.describe().isEmpty());
        assertFalse(subscribeAll("SELECT * FROM Xen_ComputerSystemModification").contains("ERROR"));
        var subs = eventing.describe();
        assertEquals(1, subs.size(), subs.toString());
        assertEquals("cim-xml", subs.get(0).protocol());
        assertEquals("listener", subs.get(0).mode());
        assertEquals(listener.url("/cimlistener"), subs.get(0).destination());
        assertTrue(subs.get(0).filter().contains("SELECT * FROM Xen_ComputerSystemModification"), subs.toString());
    }

    @Test
    void subscribedListenerGetsExportIndication() throws Exception {
        String sub = subscribeAll("SELECT * FROM CIM_InstModification WHERE SourceInstance ISA Xen_ComputerSystem");
        assertFalse(sub.contains("ERROR"), sub);
        assertTrue(call("EnumerateInstances", "<IPARAMVALUE NAME=\"ClassName\"><CLASSNAME NAME=\"CIM_IndicationFilter\"/>"
                + "</IPARAMVALUE>").contains("SELECT * FROM CIM_InstModification"));
        mirror.publish(LifecycleFixtures.snapshot(2, running));
        EventSink.Received r = listener.next(null, 5000);
        assertNotNull(r, "no export arrived");
        assertEquals("MethodRequest", r.headers().get("CIMExport"));
        assertEquals("ExportIndication", r.headers().get("CIMExportMethod"));
        assertTrue(r.body().contains("<EXPMETHODCALL NAME=\"ExportIndication\"><EXPPARAMVALUE NAME=\"NewIndication\">"
                + "<INSTANCE CLASSNAME=\"Xen_ComputerSystemModification\">"), r.body());
        assertTrue(r.body().contains("EmbeddedObject=\"instance\""), r.body());
    }

    @Test
    void inUseFilterCannotBeDeletedAndDeletedSubscriptionStopsExports() throws Exception {
        subscribeAll("SELECT * FROM Xen_ComputerSystemModification");
        String filterName = "<IPARAMVALUE NAME=\"InstanceName\">" + keys("CIM_IndicationFilter", "f1") + "</IPARAMVALUE>";
        assertTrue(call("DeleteInstance", filterName).contains("CODE=\"1\""), "CIM_ERR_FAILED while in use");
        String subName = "<IPARAMVALUE NAME=\"InstanceName\"><INSTANCENAME CLASSNAME=\"CIM_IndicationSubscription\">"
                + "<KEYBINDING NAME=\"Filter\"><VALUE.REFERENCE>" + keys("CIM_IndicationFilter", "f1")
                + "</VALUE.REFERENCE></KEYBINDING><KEYBINDING NAME=\"Handler\"><VALUE.REFERENCE>"
                + keys("CIM_ListenerDestinationCIMXML", "d1") + "</VALUE.REFERENCE></KEYBINDING></INSTANCENAME></IPARAMVALUE>";
        String deleted = call("DeleteInstance", subName);
        assertFalse(deleted.contains("ERROR"), deleted);
        assertFalse(call("DeleteInstance", filterName).contains("ERROR"));
        mirror.publish(LifecycleFixtures.snapshot(2, running));
        assertNull(listener.next(null, 500), "no export after the subscription is deleted");
    }

    @Test
    void badInstancesAreRefusedWithCimErrors() {
        assertTrue(create("CIM_IndicationFilter", prop("Query", "SELECT * FROM")
                + prop("QueryLanguage", "WQL")).contains("CODE=\"15\""), "CIM_ERR_INVALID_QUERY");
        assertTrue(create("CIM_IndicationFilter", prop("Query", "SELECT * FROM CIM_InstCreation")
                + prop("QueryLanguage", "XPath")).contains("CODE=\"14\""), "CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED");
        assertTrue(create("CIM_ListenerDestinationCIMXML", prop("Destination", "file:///etc/passwd"))
                .contains("CODE=\"4\""), "CIM_ERR_INVALID_PARAMETER");
        String dangling = create("CIM_IndicationSubscription", "<PROPERTY.REFERENCE NAME=\"Filter\"><VALUE.REFERENCE>"
                + keys("CIM_IndicationFilter", "nope") + "</VALUE.REFERENCE></PROPERTY.REFERENCE>"
                + "<PROPERTY.REFERENCE NAME=\"Handler\"><VALUE.REFERENCE>" + keys("CIM_ListenerDestinationCIMXML", "nope")
                + "</VALUE.REFERENCE></PROPERTY.REFERENCE>");
        assertTrue(dangling.contains("CODE=\"4\""), dangling);
    }

    /**
     * The per-user cap (WsEventingTest.OPTIONS: 3 a user, 16 in all) holds for CIM-XML subscriptions
     * too: root's fourth is refused with CIM_ERR_SERVER_LIMITS_EXCEEDED (27) while another user still
     * subscribes, and a deleted subscription frees its place.
     */
    @Test
    void aUserHoldsAtMostTheCapOfSubscriptions() {
        assertFalse(create("CIM_ListenerDestinationCIMXML", prop("Name", "d1")
                + prop("Destination", listener.url("/cimlistener"))).contains("ERROR"));
        for (int i = 1; i <= 5; i++) {
            assertFalse(create("CIM_IndicationFilter", prop("Name", "f" + i)
                    + prop("Query", "SELECT * FROM Xen_ComputerSystemModification")).contains("ERROR"));
        }
        for (int i = 1; i <= 3; i++) {
            String ok = call("root", "CreateInstance", subscription("f" + i));
            assertFalse(ok.contains("ERROR"), ok);
        }
        String fourth = call("root", "CreateInstance", subscription("f4"));
        assertTrue(fourth.contains("CODE=\"27\"") && fourth.contains("user root already holds 3"), fourth);
        String other = call("operator", "CreateInstance", subscription("f4"));
        assertFalse(other.contains("ERROR"), "operator is not held back by root: " + other);
        String delete = "<IPARAMVALUE NAME=\"InstanceName\"><INSTANCENAME CLASSNAME=\"CIM_IndicationSubscription\">"
                + "<KEYBINDING NAME=\"Filter\"><VALUE.REFERENCE>" + keys("CIM_IndicationFilter", "f1")
                + "</VALUE.REFERENCE></KEYBINDING><KEYBINDING NAME=\"Handler\"><VALUE.REFERENCE>"
                + keys("CIM_ListenerDestinationCIMXML", "d1") + "</VALUE.REFERENCE></KEYBINDING></INSTANCENAME></IPARAMVALUE>";
        assertFalse(call("root", "DeleteInstance", delete).contains("ERROR"));
        String again = call("root", "CreateInstance", subscription("f5"));
        assertFalse(again.contains("ERROR"), "a deleted subscription frees its place: " + again);
        assertEquals(4, eventing.describe().size());
    }

    private static String subscription(String filter) {
        return "<IPARAMVALUE NAME=\"NewInstance\"><INSTANCE CLASSNAME=\"CIM_IndicationSubscription\">"
                + "<PROPERTY.REFERENCE NAME=\"Filter\"><VALUE.REFERENCE>" + keys("CIM_IndicationFilter", filter)
                + "</VALUE.REFERENCE></PROPERTY.REFERENCE><PROPERTY.REFERENCE NAME=\"Handler\"><VALUE.REFERENCE>"
                + keys("CIM_ListenerDestinationCIMXML", "d1") + "</VALUE.REFERENCE></PROPERTY.REFERENCE></INSTANCE>"
                + "</IPARAMVALUE>";
    }
}
