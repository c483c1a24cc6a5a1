package org.xenwbem.provider.wsman;


/**
 * wsmid:Identify (DSP0226 §11). No addressing headers in the response. The anonymous answer
 * leaves out SecurityProfiles (MS-WSMV §3.1.4.1.23). The vendor string names Citrix's product as
 * well, because SCVMM-style clients look for "Citrix" in it.
 */
final class IdentifyAction {
    static final WsmanAction ACTION = new TypedAction<>(IdentifyRequest::decode, IdentifyAction::execute,
            IdentifyEncoder::identity);

    private IdentifyAction() {
    }

    /** What Identify reports: the product, and whether the caller may learn the security profiles. */
    record Identity(String vendor, String version, boolean securityProfiles) {
    }

    static Identity execute(IdentifyRequest q, Exchange ex) {
        return new Identity(ex.service().productVendor(), ex.service().productVersion(), !ex.anonymous());
    }
}
