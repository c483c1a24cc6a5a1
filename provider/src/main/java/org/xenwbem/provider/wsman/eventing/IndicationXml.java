package org.xenwbem.provider.wsman.eventing;

import java.util.Map;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.xml.WsCimEncoder;
import org.xenwbem.cim.xml.XmlWriter;
import org.xenwbem.provider.cimom.indications.Indication;
import org.xenwbem.provider.wsman.EprWriter;
import org.xenwbem.provider.wsman.ResourceUris;

/**
 * An indication in its WS-Management form, WS-CIM (DSP0230): the embedded instances (SourceInstance,
 * PreviousInstance) are the child elements of their property elements. The CIM-XML form is
 * {@code cimxml.export.ExportCodec}'s.
 */
final class IndicationXml {
    private IndicationXml() {
    }

    /** {@code <p:Xen_ComputerSystemModification xmlns:p=…>…</p:…>}; references as EPRs to {@code address}. */
    static void writeWsCim(XmlWriter w, Indication ind, String address) {
        EprWriter refs = new EprWriter(address, null);
        String root = "p:" + ind.className();
        w.start(root).attr("xmlns:p", ResourceUris.defaultUri(ind.className()))
                .attr("xmlns:xsi", WsCimEncoder.NS_XSI).attr("xmlns:cim", WsCimEncoder.NS_CIM_COMMON);
        for (Map.Entry<String, Object> e : ind.instance().values().entrySet()) {
            String qname = "p:" + e.getKey();
            CimInstance embedded = ind.embedded(e.getKey());
            if (embedded != null) {
                w.start(qname);
                WsCimEncoder.writeInstance(w, embedded, ResourceUris.defaultUri(embedded.className()), true, refs);
                w.end(qname);
            } else {
                WsCimEncoder.writeProperty(w, qname, e.getValue(), true, refs);
            }
        }
        w.end(root);
    }

    static String wsCim(Indication ind, String address) {
        XmlWriter w = new XmlWriter(4096);
        writeWsCim(w, ind, address);
        return w.toString();
    }
}
