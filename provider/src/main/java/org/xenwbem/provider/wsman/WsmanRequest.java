package org.xenwbem.provider.wsman;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * A decoded WS-Management request: the addressing and wsman headers this service acts on, the
 * options, the selectors and the body's first element, which only the decoders (the
 * {@code *Request} records' {@code decode}) and extensions read. {@code charset} is the request's encoding,
 * which the response reuses (MS-WSMV §2.2.9.1).
 */
public record WsmanRequest(String action, String messageId, String to, String resourceUri,
                           List<Selector> selectors, Map<String, String> options, Long maxEnvelopeSize,
                           Duration operationTimeout, Element body, Charset charset, Fragment fragment,
                           Headers headers) {

    /**
     * What the header says beyond the values above: the headers marked mustUnderstand (as
     * {@code namespace|localName}), whether wsman:RequestTotalItemsCountEstimate is present, and the
     * options that must be complied with (MustComply, or every option of an OptionSet marked mustUnderstand).
     */
    public record Headers(Set<String> mustUnderstand, boolean countEstimate, Set<String> mustComply) {
        public static final Headers NONE = new Headers(Set.of(), false, Set.of());

        public boolean mandatory(String ns, String localName) {
            return mustUnderstand.contains(ns + "|" + localName);
        }
    }

    public WsmanRequest(String action, String messageId, String to, String resourceUri, List<Selector> selectors,
                        Map<String, String> options, Long maxEnvelopeSize, Duration operationTimeout, Element body,
                        Charset charset, Fragment fragment) {
        this(action, messageId, to, resourceUri, selectors, options, maxEnvelopeSize, operationTimeout, body, charset,
                fragment, Headers.NONE);
    }

    /** The wsman:FragmentTransfer header: an XPath-1.0-subset expression and its dialect. */
    public record Fragment(String expression, String dialect) {
    }

    public WsmanRequest(String action, String messageId, String to, String resourceUri, List<Selector> selectors,
                        Map<String, String> options, Long maxEnvelopeSize, Duration operationTimeout, Element body,
                        Charset charset) {
        this(action, messageId, to, resourceUri, selectors, options, maxEnvelopeSize, operationTimeout, body, charset, null);
    }

    /** One wsman:Selector: a text value, or an EPR (nested selectors) when {@code epr} is non-null. */
    public record Selector(String name, String value, Epr epr) {
    }

    /** A decoded endpoint reference: resource URI plus selectors. */
    public record Epr(String address, String resourceUri, List<Selector> selectors) {
    }

    public String option(String name) {
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    public boolean optionTrue(String name) {
        String v = option(name);
        return v != null && (v.equalsIgnoreCase("true") || v.equals("1"));
    }
}
