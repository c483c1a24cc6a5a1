package org.xenwbem.provider.wsman;

import java.time.Duration;
import java.util.List;
import org.w3c.dom.Element;
import org.xenwbem.cim.xml.SafeXml;

/**
 * WS-Enumeration Enumerate (DSP0226 §8.2): the resource URI and selectors, the filter, the
 * EnumerationMode, wsen:Expires (null: the service's idle time), with OptimizeEnumeration the
 * MaxElements of the first page (0: not optimized, the answer carries only a context), whether
 * RequestTotalItemsCountEstimate was asked for (header, or leniently the body) and ExcludeNilProperties.
 */
record EnumerateRequest(String resourceUri, List<WsmanRequest.Selector> selectors, EnumerationFilters.Filter filter,
                               Mode mode, Duration expires, long maxElements, boolean countEstimate,
                               boolean excludeNil) {

    /** How items are returned (wsman:EnumerationMode). */
    public enum Mode { OBJECT, EPR, OBJECT_AND_EPR }

    public static EnumerateRequest decode(WsmanRequest req) throws WsmanFault {
        Element en = Bodies.required(req.body(), Ns.WSEN, "Enumerate", "wsen");
        EnumerationFilters.Filter filter = EnumerationFilters.decode(en);
        Mode mode = mode(en);
        String expires = Bodies.text(en, Ns.WSEN, "Expires");
        boolean optimized = SafeXml.child(en, Ns.WSMAN, "OptimizeEnumeration") != null;
        return new EnumerateRequest(req.resourceUri(), req.selectors(), filter, mode,
                expires == null ? null : Bodies.expires(expires), optimized ? maxElements(en) : 0,
                countRequested(req, en), req.optionTrue("ExcludeNilProperties"));
    }

    /** wsman:RequestTotalItemsCountEstimate in the header (DSP0226 §8.2.2) or, leniently, in the body. */
    static boolean countRequested(WsmanRequest req, Element body) {
        return req.headers().countEstimate() || SafeXml.child(body, Ns.WSMAN, "RequestTotalItemsCountEstimate") != null;
    }

    private static Mode mode(Element en) throws WsmanFault {
        String m = Bodies.text(en, Ns.WSMAN, "EnumerationMode");
        if (m == null) {
            return Mode.OBJECT;
        }
        return switch (m) {
            case "EnumerateEPR" -> Mode.EPR;
            case "EnumerateObjectAndEPR" -> Mode.OBJECT_AND_EPR;
            default -> throw new WsmanFault(FaultKind.UNSUPPORTED_FEATURE, FaultKind.detail("EnumerationMode"),
                    "unknown EnumerationMode " + m, null);
        };
    }

    /** wsman:MaxElements with OptimizeEnumeration; 1 when absent (DSP0226 R8.2.3-4). */
    private static long maxElements(Element en) throws WsmanFault {
        String m = Bodies.text(en, Ns.WSMAN, "MaxElements");
        if (m == null) {
            m = Bodies.text(en, Ns.WSEN, "MaxElements");
        }
        return m == null ? 1 : Bodies.positive(m, "MaxElements");
    }
}
