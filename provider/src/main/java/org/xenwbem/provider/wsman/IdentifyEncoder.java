package org.xenwbem.provider.wsman;

import org.xenwbem.cim.xml.XmlWriter;

/** Writes wsmid:IdentifyResponse (DSP0226 §11): no addressing headers, SecurityProfiles only when authenticated. */
final class IdentifyEncoder {
    private IdentifyEncoder() {
    }

    static String identity(IdentifyAction.Identity id, WsmanRequest envelope, Exchange ex) {
        XmlWriter w = EnvelopeWriter.open(null, null, 1024);
        w.start("wsmid:IdentifyResponse").attr("xmlns:wsmid", Ns.WSMID);
        w.element("wsmid:ProtocolVersion", Ns.WSMAN);
        w.element("wsmid:ProductVendor", id.vendor());
        w.element("wsmid:ProductVersion", id.version());
        if (id.securityProfiles()) {
            w.start("wsmid:SecurityProfiles");
            w.element("wsmid:SecurityProfileName", Ns.SECPROFILE_HTTPS_BASIC);
            w.end("wsmid:SecurityProfiles");
        }
        w.end("wsmid:IdentifyResponse");
        return EnvelopeWriter.close(w);
    }
}
