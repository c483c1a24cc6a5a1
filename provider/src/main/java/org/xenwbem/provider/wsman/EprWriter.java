package org.xenwbem.provider.wsman;

import java.util.Map;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.CimValues;
import org.xenwbem.cim.xml.WsCimEncoder;
import org.xenwbem.cim.xml.XmlWriter;

/**
 * Writes endpoint references for instance paths: Address, then ResourceURI and SelectorSet inside
 * ReferenceParameters (wsl reads them there, P6), with the {@code __cimnamespace} selector.
 */
public final class EprWriter implements WsCimEncoder.ReferenceWriter {
    private final String address;
    private final ResourceUris.Parsed requestUri;

    /**
     * @param address    the service address to put in EPRs (e.g. {@code https://host:5989/wsman})
     * @param requestUri the request's parsed resource URI, whose prefix EPRs echo; may be null
     */
    public EprWriter(String address, ResourceUris.Parsed requestUri) {
        this.address = address;
        this.requestUri = requestUri;
    }

    public String uriFor(String className) {
        return requestUri == null ? ResourceUris.defaultUri(className) : requestUri.uriFor(className);
    }

    /** A complete {@code <wsa:EndpointReference>} element. */
    public void writeEpr(XmlWriter w, CimObjectPath path) {
        w.start("wsa:EndpointReference");
        writeEprContent(w, path);
        w.end("wsa:EndpointReference");
    }

    @Override
    public void writeEprContent(XmlWriter w, CimObjectPath path) {
        w.element("wsa:Address", address);
        w.start("wsa:ReferenceParameters");
        w.element("wsman:ResourceURI", uriFor(path.className()));
        w.start("wsman:SelectorSet");
        for (Map.Entry<String, Object> e : path.keys().entrySet()) {
            w.start("wsman:Selector").attr("Name", e.getKey());
            if (e.getValue() instanceof CimObjectPath ref) {
                writeEpr(w, ref);
            } else if (e.getValue() != null) {
                w.text(CimValues.toText(e.getValue()));
            }
            w.end("wsman:Selector");
        }
        String ns = path.namespace() == null ? "root/cimv2" : path.namespace();
        w.start("wsman:Selector").attr("Name", "__cimnamespace").text(ns).end("wsman:Selector");
        w.end("wsman:SelectorSet");
        w.end("wsa:ReferenceParameters");
    }
}
