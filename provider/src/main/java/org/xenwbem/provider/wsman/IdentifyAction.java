package org.xenwbem.provider.wsman;

import org.xenwbem.provider.wsman.decode.IdentifyRequest;

/**
 * wsmid:Identify (DSP0226 §11). No addressing headers in the response. The anonymous answer
 * leaves out SecurityProfiles (MS-WSMV §3.1.4.1.23). The vendor string names Citrix's product as
 * well, because SCVMM-style clients look for "Citrix" in it.
 */
final class IdentifyAction {
    static final WsmanAction ACTION = new TypedAction<>(IdentifyRequest::decode, IdentifyAction::execute,
            IdentifyAction::encode);

    private IdentifyAction() {
    }

    /** What Identify reports: the product, and whether the caller may learn the security profiles. */
    record Identity(String vendor, String version, boolean securityProfiles) {
    }

    static Identity execute(IdentifyRequest q, Exchange ex) {
        return new Identity(ex.service().productVendor(), ex.service().productVersion(), !ex.anonymous());
    }

    static String encode(Identity id, WsmanRequest envelope, Exchange ex) {
        org.xenwbem.cim.xml.XmlWriter w = EnvelopeWriter.open(null, null, 1024);
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
