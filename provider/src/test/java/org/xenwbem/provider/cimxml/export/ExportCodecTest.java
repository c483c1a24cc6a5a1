package org.xenwbem.provider.cimxml.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The CIM-XML export form of an indication, with embedded instances. */
class ExportCodecTest {
    private final IndicationSchema schema = IndicationFixtures.indications();
    private final CimInstance before = IndicationFixtures.system("u1", "a <&>", 3L);
    private final CimInstance after = IndicationFixtures.system("u1", "a <&>", 2L);
    private final Indication ind = schema.modification(after, before, Instant.parse("2026-01-02T03:04:05Z"));

    @Test
    void cimXmlExportEscapesTheEmbeddedInstances() throws Exception {
        String msg = ExportCodec.message(ind);
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
