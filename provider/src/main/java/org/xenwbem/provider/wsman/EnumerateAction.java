package org.xenwbem.provider.wsman;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.w3c.dom.Element;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.cim.xml.XmlWriter;
import org.xenwbem.provider.cimom.CimException;

/**
 * WS-Enumeration Enumerate (DSP0226 §8.2) with EnumerationMode, OptimizeEnumeration/MaxElements,
 * wsen:Expires and RequestTotalItemsCountEstimate (the header DSP0226 §8.2.2 defines; the body form
 * too). The result is read lazily: an optimized Enumerate returns what fits the envelope (within the
 * server's ceiling, see {@link Limits}), and the rest stays in the context for Pull. A request that
 * fails after opening its context releases it.
 */
public final class EnumerateAction implements WsmanAction {
    @Override
    public String handle(WsmanRequest req, Exchange ex) throws WsmanFault {
        Element en = req.body();
        if (en == null || !Ns.WSEN.equals(en.getNamespaceURI()) || !"Enumerate".equals(en.getLocalName())) {
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, "the Body must hold wsen:Enumerate");
        }
        EnumerationFilter.Result result = EnumerationFilter.run(req, en, ex);
        EnumerationContexts.Mode mode = mode(en);
        Duration expires = expires(en);
        boolean optimized = SafeXml.child(en, Ns.WSMAN, "OptimizeEnumeration") != null;
        long maxElements = optimized ? maxElements(en) : 0;
        long estimate = Understanding.countRequested(req, en) ? count(result, ex) : -1;
        EnumerationContexts.Context c = ex.contexts().create(ex.caller().user(), result.cursor(), mode, result.uri(),
                req.optionTrue("ExcludeNilProperties"), expires);
        ex.onFailure(() -> ex.contexts().release(c));
        return respond(req, ex, c, maxElements, estimate);
    }

    private static long count(EnumerationFilter.Result result, Exchange ex) throws WsmanFault {
        try {
            return result.cursor().count(ex.caller());
        } catch (CimException e) {
            throw Faults.from(e);
        }
    }

    private String respond(WsmanRequest req, Exchange ex, EnumerationContexts.Context c, long maxElements,
                           long estimate) throws WsmanFault {
        EprWriter eprs = new EprWriter(ex.address(), c.uri);
        String extra = estimate < 0 ? null : Understanding.countHeader(estimate);
        Limits.Page limits = Limits.page(req, ex.service().envelopeCeiling(), maxElements, Long.MAX_VALUE);
        XmlWriter w = EnvelopeWriter.open(Ns.WSEN + "/EnumerateResponse", req.messageId(),
                maxElements == 0 ? 2048 : ItemWriter.envelopeCapacity(c, limits), extra);
        w.start("wsen:EnumerateResponse");
        int contextAt = w.mark();
        boolean done = false;
        if (maxElements > 0) {
            w.start("wsman:Items");
            synchronized (c) {
                done = ItemWriter.page(c, ex.caller(), eprs, w, limits).done();
            }
            w.end("wsman:Items");
            if (done) {
                w.start("wsman:EndOfSequence").end("wsman:EndOfSequence");
            }
        }
        if (done) {
            ex.contexts().release(c);
        } else {
            w.insert(contextAt, contextElement(c));
        }
        w.end("wsen:EnumerateResponse");
        return EnvelopeWriter.close(w);
    }

    /** The wsen:EnumerationContext element, written before the items once the page shows it is needed. */
    static String contextElement(EnumerationContexts.Context c) {
        return new XmlWriter(96).element("wsen:EnumerationContext", c.id).toString();
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
