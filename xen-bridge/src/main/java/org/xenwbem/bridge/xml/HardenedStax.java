package org.xenwbem.bridge.xml;

import javax.xml.stream.XMLInputFactory;

/**
 * The one StAX setup for what xapi answers in XML (XML-RPC, RRD exports, SR.probe): no DTDs, no
 * external entities, text coalesced.
 */
public final class HardenedStax {
    private HardenedStax() {
    }

    /** A new factory with DTDs and external entities off and coalescing on. */
    public static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }
}
