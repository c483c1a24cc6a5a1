package org.xenwbem.provider.wsman;

import org.xenwbem.cim.xml.CimXmlEncoder;
import org.xenwbem.cim.xml.XmlWriter;

/** Writes the answers to class reads: MS-WSMV's DSP0201 {@code CLASS}, and openwsman's intrinsic layouts. */
final class ClassEncoder {
    private ClassEncoder() {
    }

    static String cimXml(ClassGetAction.ClassRead r, WsmanRequest envelope, Exchange ex) {
        ClassRequests.ClassGet q = r.request();
        XmlWriter w = EnvelopeWriter.open(Ns.WXF + "/GetResponse", envelope.messageId(), 16384);
        CimXmlEncoder.writeClass(w, r.cimClass(), !q.inherited(), q.qualifiers(), q.classOrigin(), null);
        return EnvelopeWriter.close(w);
    }

    /** The response to an Invoke is {@code <action>Response}, as for any custom action. */
    static String intrinsic(IntrinsicAction.Result r, WsmanRequest envelope, Exchange ex) {
        if (r instanceof IntrinsicAction.ClassOf c) {
            XmlWriter w = EnvelopeWriter.open(envelope.action() + "Response", envelope.messageId(), 16384);
            IntrinsicClassWriter.write(w, c.cimClass());
            return EnvelopeWriter.close(w);
        }
        IntrinsicAction.Names n = (IntrinsicAction.Names) r;
        XmlWriter w = EnvelopeWriter.open(envelope.action() + "Response", envelope.messageId(), 64 + 48 * n.names().size());
        String root = "n1:" + ClassRequests.ENUMERATE_CLASS_NAMES;
        w.start(root).attr("xmlns:n1", n.resourceUri());
        for (String name : n.names()) {
            w.element("n1:name", name);
        }
        w.end(root);
        return EnvelopeWriter.close(w);
    }
}
