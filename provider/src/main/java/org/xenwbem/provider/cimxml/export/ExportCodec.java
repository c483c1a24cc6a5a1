package org.xenwbem.provider.cimxml.export;

import java.util.concurrent.atomic.AtomicLong;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.xml.CimXmlEncoder;
import org.xenwbem.cim.xml.XmlWriter;
import org.xenwbem.provider.cimom.indications.Indication;

/**
 * An indication as a CIM-XML export message (DSP0201 message elements, DSP0200 §5.4
 * ExportIndication): {@code SIMPLEEXPREQ / EXPMETHODCALL NAME="ExportIndication" / EXPPARAMVALUE
 * NAME="NewIndication" / INSTANCE}, the embedded instances (SourceInstance, PreviousInstance) as
 * escaped INSTANCE text in a PROPERTY marked {@code EmbeddedObject="instance"}.
 */
final class ExportCodec {
    private static final AtomicLong MESSAGE_IDS = new AtomicLong(1000);

    private ExportCodec() {
    }

    /** The export message for one indication. */
    static String message(Indication ind) {
        XmlWriter w = new XmlWriter(4096, false);
        w.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        w.start("CIM").attr("CIMVERSION", "2.0").attr("DTDVERSION", "2.0");
        w.start("MESSAGE").attr("ID", Long.toString(MESSAGE_IDS.incrementAndGet())).attr("PROTOCOLVERSION", "1.0");
        w.start("SIMPLEEXPREQ");
        w.start("EXPMETHODCALL").attr("NAME", "ExportIndication");
        w.start("EXPPARAMVALUE").attr("NAME", "NewIndication");
        writeInstance(w, ind);
        w.end("EXPPARAMVALUE");
        w.end("EXPMETHODCALL");
        w.end("SIMPLEEXPREQ");
        w.end("MESSAGE");
        w.end("CIM");
        return w.toString();
    }

    /** {@code <INSTANCE CLASSNAME=…>} with every property of the indication's class. */
    static void writeInstance(XmlWriter w, Indication ind) {
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
