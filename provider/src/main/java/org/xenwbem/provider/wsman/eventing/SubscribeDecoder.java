package org.xenwbem.provider.wsman.eventing;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.w3c.dom.Element;
import org.xenwbem.cim.query.QueryLanguage;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.provider.cimom.indications.EventingOptions;
import org.xenwbem.provider.wsman.Ns;
import org.xenwbem.provider.wsman.ResourceUris;
import org.xenwbem.provider.wsman.WsmanFault;
import org.xenwbem.provider.wsman.WsmanRequest;

/**
 * Decodes and checks a wse:Subscribe body. Refused with a precise fault: the Events (batched) mode
 * and unknown modes, a missing or non-http(s) NotifyTo, a past or zero expiry, unknown filter
 * dialects, bookmarks ({@code wsman:SendBookmarks}, {@code wsman:Bookmark}) and {@code wsman:Auth}
 * delivery credentials. {@code wsman:ConnectionRetry}, {@code wsman:Locale} and
 * {@code wsman:ContentEncoding} are accepted and the daemon's own retry policy and UTF-8 apply.
 * A filter without a Dialect is WQL.
 */
final class SubscribeDecoder {
    private final EventingOptions options;
    private final Clock clock;

    SubscribeDecoder(EventingOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    SubscribeRequest decode(WsmanRequest req) throws WsmanFault {
        Element sub = req.body();
        if (sub == null || !Wse.NS.equals(sub.getNamespaceURI()) || !"Subscribe".equals(sub.getLocalName())) {
            throw EventingFaults.invalidMessage("the Body must hold wse:Subscribe");
        }
        refuseBookmarks(sub);
        Element delivery = SafeXml.child(sub, Wse.NS, "Delivery");
        String mode = mode(delivery);
        SubscribeRequest.Target notifyTo = Wse.MODE_PULL.equals(mode) ? null
                : target(required(delivery, "NotifyTo", mode), "NotifyTo");
        Element endToEl = SafeXml.child(sub, Wse.NS, "EndTo");
        SubscribeRequest.Target endTo = endToEl == null ? null : target(endToEl, "EndTo");
        Element expiresEl = SafeXml.child(sub, Wse.NS, "Expires");
        String uri = resourceUri(req);
        Element filter = filter(sub);
        QueryLanguage lang = filter == null ? null : language(filter.getAttribute("Dialect").trim());
        return new SubscribeRequest(mode, notifyTo, endTo, expires(expiresEl), isDate(expiresEl),
                heartbeats(delivery), uri, resourceClass(uri), lang, filter == null ? null : filter.getTextContent().trim());
    }

    private static void refuseBookmarks(Element sub) throws WsmanFault {
        if (SafeXml.child(sub, Ns.WSMAN, "SendBookmarks") != null || SafeXml.child(sub, Ns.WSMAN, "Bookmark") != null) {
            throw EventingFaults.unsupported("Bookmarks", "bookmarks are not supported: events are not kept after"
                    + " delivery, so a subscription cannot resume from one");
        }
    }

    private static String mode(Element delivery) throws WsmanFault {
        if (delivery == null) {
            throw EventingFaults.invalidMessage("wse:Subscribe needs wse:Delivery");
        }
        String mode = delivery.getAttribute("Mode").trim();
        if (mode.isEmpty()) {
            mode = Wse.MODE_PUSH;
        }
        if (!Wse.SUPPORTED_MODES.contains(mode)) {
            throw EventingFaults.deliveryModeUnavailable(mode);
        }
        if (SafeXml.child(delivery, Ns.WSMAN, "Auth") != null) {
            throw EventingFaults.unsupported("AuthorizationMode", "wsman:Auth is not supported: events are sent"
                    + " without credentials; put a capability token in the NotifyTo reference parameters instead");
        }
        return mode;
    }

    private static Element required(Element delivery, String name, String mode) throws WsmanFault {
        Element e = SafeXml.child(delivery, Wse.NS, name);
        if (e == null) {
            throw EventingFaults.invalidMessage("delivery mode " + mode + " needs wse:" + name);
        }
        return e;
    }

    /** An EPR to send to: an absolute http or https address, and its reference parameters copied. */
    static SubscribeRequest.Target target(Element epr, String what) throws WsmanFault {
        Element addr = SafeXml.child(epr, Ns.WSA, "Address");
        String text = addr == null ? "" : SafeXml.text(addr);
        URI u;
        try {
            u = new URI(text);
        } catch (URISyntaxException e) {
            throw EventingFaults.badAddress(what, "address is not a URI");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
            throw EventingFaults.badAddress(what, "address must be an absolute http:// or https:// URL");
        }
        if (u.getRawUserInfo() != null) {
            throw EventingFaults.badAddress(what, "address must not carry credentials; put a token in the reference"
                    + " parameters instead");
        }
        List<String> params = new ArrayList<>();
        for (String holder : List.of("ReferenceParameters", "ReferenceProperties")) {
            Element p = SafeXml.child(epr, Ns.WSA, holder);
            if (p != null) {
                SafeXml.children(p).forEach(c -> params.add(DomXml.serialize(c)));
            }
        }
        return new SubscribeRequest.Target(u, List.copyOf(params));
    }

    /**
     * A subscription manager request (Renew, GetStatus, Unsubscribe): the body must hold
     * {@code wse:<op>}; the subscription is named by the wse:Identifier header; Renew's wse:Expires
     * is granted as Subscribe's is.
     */
    ManagerRequest manager(WsmanRequest req, String op) throws WsmanFault {
        Element b = req.body();
        if (b == null || !Wse.NS.equals(b.getNamespaceURI()) || !op.equals(b.getLocalName())) {
            throw EventingFaults.invalidMessage("the Body must hold wse:" + op);
        }
        String id = identifier(req);
        if (!"Renew".equals(op)) {
            return new ManagerRequest(id, null, false);
        }
        Element expires = SafeXml.child(b, Wse.NS, "Expires");
        return new ManagerRequest(id, expires(expires), expires != null && !SafeXml.text(expires).startsWith("P"));
    }

    /** The wse:Identifier header (a reference parameter of the subscription manager EPR). */
    private static String identifier(WsmanRequest req) throws WsmanFault {
        Element env = req.body().getOwnerDocument().getDocumentElement();
        Element header = SafeXml.child(env, Ns.SOAP, "Header");
        Element id = header == null ? null : SafeXml.child(header, Wse.NS, "Identifier");
        if (id == null || SafeXml.text(id).isEmpty()) {
            throw EventingFaults.invalidMessage("the request needs the wse:Identifier header of the subscription"
                    + " manager EPR");
        }
        return SafeXml.text(id);
    }

    private static boolean isDate(Element expires) {
        return expires != null && !SafeXml.text(expires).startsWith("P") && !SafeXml.text(expires).startsWith("-P");
    }

    /** The life to grant: positive, capped at the maximum; the default when absent. */
    Duration expires(Element expires) throws WsmanFault {
        if (expires == null) {
            return options.defaultExpires();
        }
        Duration d = parseExpires(SafeXml.text(expires));
        if (d.isNegative() || d.isZero()) {
            throw EventingFaults.invalidExpirationTime("wse:Expires " + SafeXml.text(expires) + " is not in the future");
        }
        return d.compareTo(options.maxExpires()) > 0 ? options.maxExpires() : d;
    }

    private Duration parseExpires(String v) throws WsmanFault {
        try {
            if (v.startsWith("P") || v.startsWith("-P")) {
                return Duration.parse(v);
            }
            return Duration.between(clock.instant(), OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Duration.between(clock.instant(), Instant.parse(v + "Z"));
            } catch (DateTimeParseException e2) {
                throw EventingFaults.unsupportedExpirationType(v);
            }
        }
    }

    private Duration heartbeats(Element delivery) throws WsmanFault {
        Element h = SafeXml.child(delivery, Ns.WSMAN, "Heartbeats");
        if (h == null) {
            return null;
        }
        Duration d;
        try {
            d = Duration.parse(SafeXml.text(h));
        } catch (DateTimeParseException e) {
            throw EventingFaults.invalidMessage("wsman:Heartbeats is not an xs:duration: " + SafeXml.text(h));
        }
        if (d.isNegative() || d.isZero()) {
            throw EventingFaults.invalidMessage("wsman:Heartbeats must be positive: " + SafeXml.text(h));
        }
        return d.compareTo(options.minHeartbeat()) < 0 ? options.minHeartbeat() : d;
    }

    private static String resourceUri(WsmanRequest req) throws WsmanFault {
        if (req.resourceUri() == null || req.resourceUri().isBlank()) {
            throw EventingFaults.invalidResourceUri("Subscribe needs a wsman:ResourceURI: an indication class, the"
                    + " class of the instances to watch (e.g. Xen_ComputerSystem), or the wildcard URI with a filter");
        }
        return req.resourceUri().trim();
    }

    /** The class a resource URI names; null for a wildcard URI ({@code …/*}). */
    private static String resourceClass(String uri) throws WsmanFault {
        if (uri.endsWith("/*")) {
            return null;
        }
        ResourceUris.Parsed p = ResourceUris.parse(uri);
        if (p == null) {
            throw EventingFaults.invalidResourceUri("unknown resource URI " + uri);
        }
        return p.className();
    }

    private static Element filter(Element sub) {
        Element f = SafeXml.child(sub, Ns.WSMAN, "Filter");
        return f != null ? f : SafeXml.child(sub, Wse.NS, "Filter");
    }

    /** WQL under both vendors' URIs (and any URI ending in /WQL, as for Enumerate) and the CQL subset. */
    static QueryLanguage language(String dialect) throws WsmanFault {
        if (dialect.isEmpty()) {
            return QueryLanguage.WQL;
        }
        Optional<QueryLanguage> exact = QueryLanguage.forDialect(dialect);
        if (exact.isPresent()) {
            return exact.get();
        }
        if (dialect.toUpperCase(Locale.ROOT).endsWith("/WQL")) {
            return QueryLanguage.WQL;
        }
        throw EventingFaults.filteringRequestedUnavailable(dialect);
    }
}
