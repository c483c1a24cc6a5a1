package org.xenwbem.provider.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.xml.SafeXml;

/** Both wire forms of an indication, with embedded instances. */
class IndicationXmlTest {
    private final IndicationSchema schema = EventingFixtures.indications();
    private final CimInstance before = EventingFixtures.toInstance(EventingFixtures.vm("u1", "a <&>", PowerState.Halted, 1, 1));
    private final CimInstance after = EventingFixtures.toInstance(EventingFixtures.vm("u1", "a <&>", PowerState.Running, 1, 1));
    private final Indication ind = schema.modification(after, before, Instant.parse("2026-01-02T03:04:05Z"));

    @Test
    void wsCimNestsTheEmbeddedInstances() throws Exception {
        String xml = IndicationXml.wsCim(ind, "https://h:5989/wsman");
        Document d = SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8));
        Element root = d.getDocumentElement();
        String ns = "http://schemas.citrix.com/wbem/wscim/1/cim-schema/2/Xen_ComputerSystemModification";
        assertEquals(ns, root.getNamespaceURI());
        Element src = SafeXml.child(root, ns, "SourceInstance");
        Element cs = SafeXml.children(src).get(0);
        assertEquals("Xen_ComputerSystem", cs.getLocalName());
        String csNs = "http://schemas.citrix.com/wbem/wscim/1/cim-schema/2/Xen_ComputerSystem";
        assertEquals("2", SafeXml.text(SafeXml.child(cs, csNs, "EnabledState")));
        Element prev = SafeXml.child(root, ns, "PreviousInstance");
        assertEquals("3", SafeXml.text(SafeXml.child(SafeXml.children(prev).get(0), csNs, "EnabledState")));
        assertEquals("2026-01-02T03:04:05Z", SafeXml.text(SafeXml.child(SafeXml.child(root, ns, "IndicationTime"),
                "http://schemas.dmtf.org/wbem/wscim/1/common", "Datetime")));
    }

    @Test
    void cimXmlExportEscapesTheEmbeddedInstances() throws Exception {
        String msg = CimXmlExporter.message(ind);
        Document d = SafeXml.parse(msg.getBytes(StandardCharsets.UTF_8));
        Element call = (Element) d.getElementsByTagName("EXPMETHODCALL").item(0);
        assertEquals("ExportIndication", call.getAttribute("NAME"));
        Element inst = (Element) d.getElementsByTagName("INSTANCE").item(0);
        assertEquals("Xen_ComputerSystemModification", inst.getAttribute("CLASSNAME"));
        boolean found = false;
        for (Element p : SafeXml.children(inst)) {
            if (p.getAttribute("NAME").equals("SourceInstance")) {
                found = true;
                assertEquals("instance", p.getAttribute("EmbeddedObject"));
                String embedded = p.getTextContent();
                Document e = SafeXml.parse(embedded.getBytes(StandardCharsets.UTF_8));
                assertEquals("Xen_ComputerSystem", e.getDocumentElement().getAttribute("CLASSNAME"));
                assertTrue(embedded.contains("a &lt;&amp;&gt;"), embedded);
            }
        }
        assertTrue(found, msg);
    }
}
