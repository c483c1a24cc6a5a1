package org.xenwbem.provider.wsman;

import org.xenwbem.cim.xml.XmlWriter;

/**
 * wsmid:Identify (DSP0226 §11). No addressing headers in the response. The anonymous answer
 * leaves out SecurityProfiles (MS-WSMV §3.1.4.1.23). The vendor string names Citrix's product as
 * well, because SCVMM-style clients look for "Citrix" in it.
 */
final class IdentifyAction implements WsmanAction {
    @Override
    public String handle(WsmanRequest req, Exchange ex) {
        XmlWriter w = EnvelopeWriter.open(null, null, 1024);
        w.start("wsmid:IdentifyResponse").attr("xmlns:wsmid", Ns.WSMID);
        w.element("wsmid:ProtocolVersion", Ns.WSMAN);
        w.element("wsmid:ProductVendor", ex.service().productVendor());
        w.element("wsmid:ProductVersion", ex.service().productVersion());
        if (!ex.anonymous()) {
            w.start("wsmid:SecurityProfiles");
            w.element("wsmid:SecurityProfileName", Ns.SECPROFILE_HTTPS_BASIC);
            w.end("wsmid:SecurityProfiles");
        }
        w.end("wsmid:IdentifyResponse");
        return EnvelopeWriter.close(w);
    }
}
