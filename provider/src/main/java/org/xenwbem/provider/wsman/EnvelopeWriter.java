package org.xenwbem.provider.wsman;

import org.xenwbem.cim.xml.WsCimEncoder;
import org.xenwbem.cim.xml.XmlWriter;

/**
 * Builds response envelopes: the namespace declarations every response carries (prefixed, as wsl
 * greps for {@code :EnumerationContext}, P6), addressing headers with RelatesTo = the request's
 * MessageID verbatim, and never OperationID / SequenceID (MS-WSMV §3.1.4.1.39).
 */
public final class EnvelopeWriter {
    private EnvelopeWriter() {
    }

    /** Opens Envelope, writes the header, opens Body. Close with {@link #close}. */
    public static XmlWriter open(String action, String relatesTo, int capacity) {
        return open(action, relatesTo, capacity, null);
    }

    /** As {@link #open(String, String, int)}, with extra header XML (already escaped) after RelatesTo. */
    public static XmlWriter open(String action, String relatesTo, int capacity, String extraHeaders) {
        return open(new XmlWriter(capacity), action, relatesTo, extraHeaders);
    }

    /** As {@link #open(String, String, int, String)}, into a writer the caller supplies (a pooled buffer's). */
    static XmlWriter open(XmlWriter w, String action, String relatesTo, String extraHeaders) {
        w.start("s:Envelope").attr("xmlns:s", Ns.SOAP).attr("xmlns:wsa", Ns.WSA).attr("xmlns:wsman", Ns.WSMAN)
                .attr("xmlns:wsen", Ns.WSEN).attr("xmlns:wxf", Ns.WXF).attr("xmlns:xsi", WsCimEncoder.NS_XSI);
        w.start("s:Header");
        if (action != null) {
            w.element("wsa:To", Ns.ANONYMOUS);
            w.element("wsa:Action", action);
            w.element("wsa:MessageID", MessageIds.next());
            if (relatesTo != null) {
                w.element("wsa:RelatesTo", relatesTo);
            }
        }
        if (extraHeaders != null) {
            w.raw(extraHeaders);
        }
        w.end("s:Header");
        w.start("s:Body");
        return w;
    }

    public static String close(XmlWriter w) {
        return finish(w).toString();
    }

    /** Closes Body and Envelope and returns the writer's characters as they are, without a copy. */
    static CharSequence finish(XmlWriter w) {
        w.end("s:Body");
        w.end("s:Envelope");
        return w.chars();
    }

    /** Renders a fault as a complete envelope (DSP0226 §14, MS-WSMV §2.2.4.43 for WSManFault). */
    public static String fault(WsmanFault f, String relatesTo) {
        FaultKind k = f.kind();
        XmlWriter w = open(k.action(), relatesTo, 1024);
        w.start("s:Fault");
        w.start("s:Code");
        if (k.isSoapCode()) {
            w.element("s:Value", "s:" + k.subcode());
        } else {
            w.element("s:Value", k.sender() ? "s:Sender" : "s:Receiver");
            w.start("s:Subcode").start("s:Value").attr("xmlns:sub", k.subcodeNs()).text("sub:" + k.subcode())
                    .end("s:Value").end("s:Subcode");
        }
        w.end("s:Code");
        w.start("s:Reason").start("s:Text").attr("xml:lang", "en-US").text(String.valueOf(f.getMessage()))
                .end("s:Text").end("s:Reason");
        w.start("s:Detail");
        if (f.detailUri() != null) {
            w.element("wsman:FaultDetail", f.detailUri());
        }
        w.start("f:WSManFault").attr("xmlns:f", Ns.WSMANFAULT).attr("Code", Long.toString(f.wsmanCode()))
                .attr("Machine", "xenwbem");
        w.element("f:Message", String.valueOf(f.getMessage()));
        w.end("f:WSManFault");
        w.end("s:Detail");
        w.end("s:Fault");
        return close(w);
    }
}
