package org.xenwbem.provider.wsman;

import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.xml.WsCimEncoder;
import org.xenwbem.cim.xml.XmlWriter;
import org.xenwbem.provider.cimom.CimException;

/** WS-Transfer Get of one instance (DSP0226 §7.3). */
final class GetAction implements WsmanAction {
    @Override
    public String handle(WsmanRequest req, Exchange ex) throws WsmanFault {
        Targets.Target t = Targets.resolve(req, ex.ops());
        CimObjectPath path = Targets.path(t, req.selectors(), ex.ops());
        CimInstance inst;
        try {
            inst = ex.ops().getInstance(ex.caller(), path);
        } catch (CimException e) {
            throw Faults.from(e);
        }
        EprWriter eprs = new EprWriter(ex.address(), t.uri());
        XmlWriter w = EnvelopeWriter.open(Ns.WXF + "/GetResponse", req.messageId(), 4096);
        if (req.fragment() != null) {
            writeFragment(w, inst, Fragments.resolve(req.fragment(), inst.cimClass()), eprs);
        } else {
            WsCimEncoder.writeInstance(w, inst, eprs.uriFor(inst.className()), req.optionTrue("ExcludeNilProperties"), eprs);
        }
        return EnvelopeWriter.close(w);
    }

    /** {@code <wsman:XmlFragment>} holding the property element, or only its text for {@code /text()}. */
    static void writeFragment(XmlWriter w, CimInstance inst, Fragments.Target f, EprWriter eprs) {
        w.start("wsman:XmlFragment");
        Object v = inst.get(f.property().name());
        if (f.textOnly()) {
            if (v != null && !(v instanceof java.util.List)) {
                w.text(org.xenwbem.cim.CimValues.toText(v));
            }
        } else {
            w.attr("xmlns:p", eprs.uriFor(inst.className())).attr("xmlns:cim", WsCimEncoder.NS_CIM_COMMON);
            WsCimEncoder.writeProperty(w, "p:" + f.property().name(), v, false, eprs);
        }
        w.end("wsman:XmlFragment");
    }
}
