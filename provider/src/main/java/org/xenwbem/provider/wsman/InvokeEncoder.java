package org.xenwbem.provider.wsman;

import java.util.List;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimParameter;
import org.xenwbem.cim.CimValues;
import org.xenwbem.cim.xml.WsCimEncoder;
import org.xenwbem.cim.xml.XmlWriter;

/** Writes an Invoke's answer (DSP0227 §9): {@code <Method>_OUTPUT} with the out parameters and ReturnValue. */
final class InvokeEncoder {
    private InvokeEncoder() {
    }

    static String output(InvokeAction.Invoked r, WsmanRequest envelope, Exchange ex) {
        EprWriter eprs = new EprWriter(ex.address(), r.target().uri());
        String classUri = eprs.uriFor(r.target().cimClass().name());
        String method = r.method().name();
        XmlWriter w = EnvelopeWriter.open(classUri + "/" + method + "Response", envelope.messageId(), 4096);
        String root = "p:" + method + "_OUTPUT";
        w.start(root).attr("xmlns:p", classUri).attr("xmlns:cim", WsCimEncoder.NS_CIM_COMMON);
        for (CimParameter p : r.method().parameters()) {
            Object v = r.result().out().get(p.name());
            if (p.isOut() && v != null) {
                writeParam(w, "p:" + p.name(), v, eprs);
            }
        }
        if (r.result().returnValue() != null) {
            w.element("p:ReturnValue", CimValues.toText(r.result().returnValue()));
        }
        w.end(root);
        return EnvelopeWriter.close(w);
    }

    private static void writeParam(XmlWriter w, String qname, Object v, EprWriter eprs) {
        if (v instanceof List<?> list) {
            for (Object item : list) {
                writeParam(w, qname, item, eprs);
            }
        } else if (v instanceof CimInstance inst) {
            w.start(qname);
            WsCimEncoder.writeInstance(w, inst, eprs.uriFor(inst.className()), true, eprs);
            w.end(qname);
        } else {
            WsCimEncoder.writeProperty(w, qname, v, true, eprs);
        }
    }
}
