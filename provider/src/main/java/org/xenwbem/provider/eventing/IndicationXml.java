package org.xenwbem.provider.eventing;

import java.util.Map;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.xml.CimXmlEncoder;
import org.xenwbem.cim.xml.WsCimEncoder;
import org.xenwbem.cim.xml.XmlWriter;
import org.xenwbem.provider.wsman.EprWriter;
import org.xenwbem.provider.wsman.ResourceUris;

/**
 * An indication in both wire forms, with its embedded instances: WS-CIM (DSP0230; the embedded
 * instance is the child element of its property element) and CIM-XML (DSP0201; the embedded
 * INSTANCE is escaped text in a PROPERTY marked {@code EmbeddedObject="instance"}).
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

    /** {@code <INSTANCE CLASSNAME=…>} with every property of the indication's class. */
    static void writeCimXml(XmlWriter w, Indication ind) {
        w.start("INSTANCE").attr("CLASSNAME", ind.className());
        for (CimProperty p : ind.instance().cimClass().properties()) {
            CimInstance embedded = ind.embedded(p.name());
            if (embedded != null) {
                XmlWriter inner = new XmlWriter(2048, false);
                CimXmlEncoder.writeInstance(inner, embedded, false, false);
                w.start("PROPERTY").attr("NAME", p.name()).attr("TYPE", "string").attr("EmbeddedObject", "instance");
                w.element("VALUE", inner.toString());
                w.end("PROPERTY");
            } else {
                CimXmlEncoder.writeProperty(w, p, ind.instance().values().get(p.name()), false, false);
            }
        }
        w.end("INSTANCE");
    }
}
