package org.xenwbem.provider.wsman;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.w3c.dom.Element;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.cim.xml.XmlWriter;

/**
 * WS-Enumeration Enumerate (DSP0226 §8.2) with EnumerationMode, OptimizeEnumeration/MaxElements,
 * wsen:Expires and RequestTotalItemsCountEstimate (the header DSP0226 §8.2.2 defines; the body form
 * too). The result is snapshotted now; Pull pages it.
 */
public final class EnumerateAction implements WsmanAction {
    @Override
    public String handle(WsmanRequest req, Exchange ex) throws WsmanFault {
        Element en = req.body();
        if (en == null || !Ns.WSEN.equals(en.getNamespaceURI()) || !"Enumerate".equals(en.getLocalName())) {
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, "the Body must hold wsen:Enumerate");
        }
        EnumerationFilter.Result result = EnumerationFilter.run(req, en, ex);
        List<CimInstance> items = result.items();
        EnumerationContexts.Context c = ex.contexts().create(ex.caller().user(), items, mode(en), result.uri(),
                req.optionTrue("ExcludeNilProperties"), expires(en));
        boolean optimized = SafeXml.child(en, Ns.WSMAN, "OptimizeEnumeration") != null;
        return respond(req, ex, c, optimized ? maxElements(en) : 0, Understanding.countRequested(req, en) ? items.size() : -1);
    }

    private String respond(WsmanRequest req, Exchange ex, EnumerationContexts.Context c, long maxElements,
                           int estimate) throws WsmanFault {
        EprWriter eprs = new EprWriter(ex.address(), c.uri);
        String extra = estimate < 0 ? null : Understanding.countHeader(estimate);
        List<String> page;
        synchronized (c) {
            page = maxElements == 0 ? List.of()
                    : ItemWriter.page(c, eprs, maxElements, Limits.itemBudget(req), Long.MAX_VALUE);
        }
        XmlWriter w = EnvelopeWriter.open(Ns.WSEN + "/EnumerateResponse", req.messageId(),
                ItemWriter.envelopeCapacity(page), extra);
        w.start("wsen:EnumerateResponse");
        boolean done = maxElements > 0 && c.done();
        if (!done) {
            w.element("wsen:EnumerationContext", c.id);
        } else {
            ex.contexts().release(c);
        }
        if (maxElements > 0) {
            w.start("wsman:Items");
            page.forEach(w::raw);
            w.end("wsman:Items");
            if (done) {
                w.start("wsman:EndOfSequence").end("wsman:EndOfSequence");
            }
        }
        w.end("wsen:EnumerateResponse");
        return EnvelopeWriter.close(w);
    }

    private static EnumerationContexts.Mode mode(Element en) throws WsmanFault {
        Element m = SafeXml.child(en, Ns.WSMAN, "EnumerationMode");
        if (m == null) {
            return EnumerationContexts.Mode.OBJECT;
        }
        return switch (SafeXml.text(m)) {
            case "EnumerateEPR" -> EnumerationContexts.Mode.EPR;
            case "EnumerateObjectAndEPR" -> EnumerationContexts.Mode.OBJECT_AND_EPR;
            default -> throw new WsmanFault(FaultKind.UNSUPPORTED_FEATURE, FaultKind.detail("EnumerationMode"),
                    "unknown EnumerationMode " + SafeXml.text(m), null);
        };
    }

    /** wsman:MaxElements with OptimizeEnumeration; 1 when absent (DSP0226 R8.2.3-4). */
    static long maxElements(Element parent) throws WsmanFault {
        Element m = SafeXml.child(parent, Ns.WSMAN, "MaxElements");
        if (m == null) {
            m = SafeXml.child(parent, Ns.WSEN, "MaxElements");
        }
        return m == null ? 1 : positive(SafeXml.text(m), "MaxElements");
    }

    public static long positive(String v, String what) throws WsmanFault {
        try {
            long n = Long.parseLong(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the fault below
        }
        throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, null, what + " must be a positive integer: " + v, null);
    }

    /** wsen:Expires as a duration (an absolute dateTime is refused: our clocks need not agree). */
    private static Duration expires(Element en) throws WsmanFault {
        Element e = SafeXml.child(en, Ns.WSEN, "Expires");
        if (e == null) {
            return null;
        }
        try {
            Duration d = Duration.parse(SafeXml.text(e));
            if (d.isNegative() || d.isZero()) {
                throw new WsmanFault(FaultKind.INVALID_EXPIRATION_TIME, "wsen:Expires must be positive");
            }
            return d.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : d;
        } catch (DateTimeParseException ex) {
            throw new WsmanFault(FaultKind.INVALID_EXPIRATION_TIME, null,
                    "wsen:Expires must be an xs:duration: " + SafeXml.text(e), ex);
        }
    }
}
