package org.xenwbem.provider.wsman;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.w3c.dom.Element;
import org.xenwbem.cim.xml.SafeXml;

/**
 * What this service does with each SOAP header, so that one marked mustUnderstand is never accepted
 * and then ignored (SOAP 1.2 §5.2.3, DSP0226 §5.2, MS-WSMV §3.1.4.1):
 * <ul>
 * <li>always acted on: wsa:To (any value; replies go back on the connection), Action, MessageID
 * (echoed as RelatesTo), ReplyTo / FaultTo (anonymous only: any other address is
 * wsman:UnsupportedFeature / AddressingMode, as WinRM answers), From (informational), ResourceURI,
 * SelectorSet, MaxEnvelopeSize, OperationTimeout;</li>
 * <li>wsman:Locale and wsmv:DataLocale: our text is English, so a mustUnderstand one asking for another
 * language is wsman:UnsupportedFeature / Locale (DataLocale);</li>
 * <li>acted on by some actions only: wsman:FragmentTransfer (Get, Put), wsman:RequestTotalItemsCountEstimate
 * (Enumerate, Pull), wse:Identifier (the eventing actions); marked mustUnderstand on any other action
 * it is the SOAP MustUnderstand fault;</li>
 * <li>wsman:OptionSet: an option marked MustComply, or any option of a set marked mustUnderstand,
 * that the action does not act on is wsman:InvalidOptions / NotSupported;</li>
 * <li>wsmv:SessionId, OperationID, SequenceId (robust connections, not implemented): ignored, and
 * the MustUnderstand fault when marked mustUnderstand;</li>
 * <li>anything else marked mustUnderstand: the MustUnderstand fault.</li>
 * </ul>
 */
final class Understanding {
    static final String FRAGMENT = Ns.WSMAN + "|FragmentTransfer";
    static final String COUNT = Ns.WSMAN + "|RequestTotalItemsCountEstimate";
    static final String IDENTIFIER = Ns.WSE + "|Identifier";
    private static final String WSA_2005_ANONYMOUS = "http://www.w3.org/2005/08/addressing/anonymous";

    /** Headers read for every request. */
    private static final Set<String> ALWAYS = Set.of(
            Ns.WSA + "|To", Ns.WSA + "|Action", Ns.WSA + "|MessageID", Ns.WSA + "|ReplyTo", Ns.WSA + "|FaultTo",
            Ns.WSA + "|From", Ns.WSMAN + "|ResourceURI", Ns.WSMAN + "|SelectorSet", Ns.WSMAN + "|OptionSet",
            Ns.WSMAN + "|MaxEnvelopeSize", Ns.WSMAN + "|OperationTimeout", Ns.WSMAN + "|Locale",
            Ns.MSWSMAN + "|DataLocale");
    /** Headers only some actions act on, or none does: ignored unless marked mustUnderstand. */
    private static final Set<String> SOMETIMES = Set.of(FRAGMENT, COUNT, IDENTIFIER,
            Ns.MSWSMAN + "|SessionId", Ns.MSWSMAN + "|OperationID", Ns.MSWSMAN + "|SequenceId");

    /** What one action acts on beyond {@link #ALWAYS}: conditional headers and option names (lower case). */
    record Scope(Set<String> headers, Set<String> options) {
        static final Scope NOTHING = new Scope(Set.of(), Set.of());
    }

    static final Scope GET = new Scope(Set.of(FRAGMENT), Set.of("excludenilproperties"));
    static final Scope PUT = new Scope(Set.of(FRAGMENT), Set.of());
    static final Scope ENUMERATE = new Scope(Set.of(COUNT), Set.of("excludenilproperties"));
    static final Scope PULL = new Scope(Set.of(COUNT), Set.of());
    static final Scope CLASS_GET = new Scope(Set.of(),
            Set.of("includequalifiers", "includeinheritedelements", "includeclassorigin"));
    static final Scope EVENTING = new Scope(Set.of(IDENTIFIER), Set.of());

    private Understanding() {
    }

    /** Reads what the header demands; faults headers no action of this service acts on. */
    static WsmanRequest.Headers read(Element header) throws WsmanFault {
        Set<String> mandatory = new LinkedHashSet<>();
        for (Element h : SafeXml.children(header)) {
            String qname = h.getNamespaceURI() + "|" + h.getLocalName();
            String mu = h.getAttributeNS(Ns.SOAP, "mustUnderstand");
            boolean must = mu.equals("true") || mu.equals("1");
            if (must && !ALWAYS.contains(qname) && !SOMETIMES.contains(qname)) {
                throw notUnderstood(h.getNamespaceURI(), h.getLocalName(), "by this service");
            }
            if (must) {
                mandatory.add(qname);
            }
        }
        checkReplyAddress(header, "ReplyTo");
        checkReplyAddress(header, "FaultTo");
        checkLanguage(header, Ns.WSMAN, "Locale");
        checkLanguage(header, Ns.MSWSMAN, "DataLocale");
        return new WsmanRequest.Headers(Set.copyOf(mandatory), SafeXml.child(header, Ns.WSMAN, "RequestTotalItemsCountEstimate") != null,
                mustComply(header));
    }

    /** The wsman:TotalItemsCountEstimate response header. */
    static String countHeader(long total) {
        return "<wsman:TotalItemsCountEstimate>" + total + "</wsman:TotalItemsCountEstimate>";
    }

    /** Faults what the request demands and this action would ignore. */
    static void check(WsmanRequest req, Scope scope) throws WsmanFault {
        for (String qname : req.headers().mustUnderstand()) {
            if (SOMETIMES.contains(qname) && !scope.headers().contains(qname)) {
                int bar = qname.indexOf('|');
                throw notUnderstood(qname.substring(0, bar), qname.substring(bar + 1), "on " + actionName(req));
            }
        }
        for (String option : req.headers().mustComply()) {
            if (!scope.options().contains(option.toLowerCase(Locale.ROOT))) {
                throw new WsmanFault(FaultKind.INVALID_OPTIONS, FaultKind.detail("NotSupported"),
                        "the option " + option + " must be complied with, but " + actionName(req) + " does not support it",
                        null);
            }
        }
    }

    static WsmanFault notUnderstood(String ns, String local, String where) {
        return new WsmanFault(FaultKind.MUST_UNDERSTAND, null, "header {" + ns + "}" + local
                + " is marked mustUnderstand but is not understood " + where, null);
    }

    private static String actionName(WsmanRequest req) {
        String a = req.action() == null ? "Identify" : req.action();
        return a.substring(a.lastIndexOf('/') + 1);
    }

    /** ReplyTo / FaultTo: replies go back on the HTTP connection, so only the anonymous address is honoured. */
    private static void checkReplyAddress(Element header, String name) throws WsmanFault {
        Element to = SafeXml.child(header, Ns.WSA, name);
        Element address = to == null ? null : SafeXml.child(to, Ns.WSA, "Address");
        if (address == null) {
            return;
        }
        String a = SafeXml.text(address).trim();
        if (!a.equals(Ns.ANONYMOUS) && !a.equals(WSA_2005_ANONYMOUS)) {
            throw new WsmanFault(FaultKind.UNSUPPORTED_FEATURE, FaultKind.detail("AddressingMode"),
                    "wsa:" + name + " must be the anonymous address (answers go back on the connection), not " + a, null);
        }
    }

    /** A mustUnderstand Locale / DataLocale for anything but English, the only language this service writes. */
    private static void checkLanguage(Element header, String ns, String name) throws WsmanFault {
        Element e = SafeXml.child(header, ns, name);
        if (e == null) {
            return;
        }
        String mu = e.getAttributeNS(Ns.SOAP, "mustUnderstand");
        String lang = e.getAttributeNS(Ns.XML, "lang").trim().toLowerCase(Locale.ROOT);
        boolean english = lang.equals("en") || lang.startsWith("en-");
        if ((mu.equals("true") || mu.equals("1")) && !english) {
            throw new WsmanFault(FaultKind.UNSUPPORTED_FEATURE, FaultKind.detail(name),
                    "this service answers in English (en-US) only, not " + (lang.isEmpty() ? "an unnamed language" : lang),
                    null);
        }
    }

    /** Options with MustComply="true", or every option of an OptionSet marked mustUnderstand. */
    private static Set<String> mustComply(Element header) {
        Element set = SafeXml.child(header, Ns.WSMAN, "OptionSet");
        if (set == null) {
            return Set.of();
        }
        String mu = set.getAttributeNS(Ns.SOAP, "mustUnderstand");
        boolean all = mu.equals("true") || mu.equals("1");
        Set<String> out = new LinkedHashSet<>();
        for (Element o : SafeXml.childrenNamed(set, Ns.WSMAN, "Option")) {
            String comply = o.getAttribute("MustComply").trim();
            if (all || comply.equals("true") || comply.equals("1")) {
                out.add(o.getAttribute("Name"));
            }
        }
        return Set.copyOf(out);
    }

    /** The scope of a built-in action by its wsa:Action; {@link Scope#NOTHING} for the others. */
    static Scope of(String action) {
        if (Ns.ACTION_GET.equals(action)) {
            return GET;
        }
        if (Ns.ACTION_PUT.equals(action)) {
            return PUT;
        }
        if (Ns.ACTION_ENUMERATE.equals(action)) {
            return ENUMERATE;
        }
        if (Ns.ACTION_PULL.equals(action)) {
            return PULL;
        }
        return Scope.NOTHING;
    }
}
