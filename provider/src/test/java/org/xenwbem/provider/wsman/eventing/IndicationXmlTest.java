package org.xenwbem.provider.wsman.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.provider.cimom.indications.Indication;
import org.xenwbem.provider.cimom.indications.IndicationFixtures;
import org.xenwbem.provider.cimom.indications.IndicationSchema;

/** The WS-CIM form of an indication, with embedded instances. */
class IndicationXmlTest {
    private final IndicationSchema schema = IndicationFixtures.indications();
    private final CimInstance before = IndicationFixtures.system("u1", "a <&>", 3L);
    private final CimInstance after = IndicationFixtures.system("u1", "a <&>", 2L);
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
}
