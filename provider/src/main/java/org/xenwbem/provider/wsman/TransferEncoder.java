package org.xenwbem.provider.wsman;

import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.CimValues;
import org.xenwbem.cim.xml.WsCimEncoder;
import org.xenwbem.cim.xml.XmlWriter;

/** Writes the WS-Transfer responses (DSP0226 §7) from the actions' result records. */
final class TransferEncoder {
    private TransferEncoder() {
    }

    /**
     * An instance to answer with: whole, or only the property of a fragment; {@code uri} is the
     * request's parsed resource URI, whose prefix EPRs echo.
     */
    record Instance(CimInstance instance, Fragments.Target fragment, ResourceUris.Parsed uri, boolean excludeNil) {
    }

    /** A created instance's path, in the namespace it was created in. */
    record Created(CimObjectPath path, ResourceUris.Parsed uri) {
    }

    /** The result of a Delete: nothing but that it happened. */
    record Deleted() {
    }

    static String get(Instance r, WsmanRequest envelope, Exchange ex) {
        return instance(Ns.WXF + "/GetResponse", r, envelope, ex);
    }

    static String put(Instance r, WsmanRequest envelope, Exchange ex) {
        return instance(Ns.WXF + "/PutResponse", r, envelope, ex);
    }

    static String create(Created r, WsmanRequest envelope, Exchange ex) {
        EprWriter eprs = new EprWriter(ex.address(), r.uri());
        XmlWriter w = EnvelopeWriter.open(Ns.WXF + "/CreateResponse", envelope.messageId(), 2048);
        w.start("wxf:ResourceCreated");
        eprs.writeEprContent(w, r.path());
        w.end("wxf:ResourceCreated");
        return EnvelopeWriter.close(w);
    }

    static String delete(Deleted r, WsmanRequest envelope, Exchange ex) {
        return EnvelopeWriter.close(EnvelopeWriter.open(Ns.WXF + "/DeleteResponse", envelope.messageId(), 512));
    }

    private static String instance(String action, Instance r, WsmanRequest envelope, Exchange ex) {
        EprWriter eprs = new EprWriter(ex.address(), r.uri());
        XmlWriter w = EnvelopeWriter.open(action, envelope.messageId(), 4096);
        CimInstance inst = r.instance();
        if (r.fragment() != null) {
            writeFragment(w, inst, r.fragment(), eprs);
        } else {
            WsCimEncoder.writeInstance(w, inst, eprs.uriFor(inst.className()), r.excludeNil(), eprs);
        }
        return EnvelopeWriter.close(w);
    }

    /** {@code <wsman:XmlFragment>} holding the property element, or only its text for {@code /text()}. */
    private static void writeFragment(XmlWriter w, CimInstance inst, Fragments.Target f, EprWriter eprs) {
        w.start("wsman:XmlFragment");
        Object v = inst.get(f.property().name());
        if (f.textOnly()) {
            if (v != null && !(v instanceof java.util.List)) {
                w.text(CimValues.toText(v));
            }
        } else {
            w.attr("xmlns:p", eprs.uriFor(inst.className())).attr("xmlns:cim", WsCimEncoder.NS_CIM_COMMON);
            WsCimEncoder.writeProperty(w, "p:" + f.property().name(), v, false, eprs);
        }
        w.end("wsman:XmlFragment");
    }
}
