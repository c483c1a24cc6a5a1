package org.xenwbem.provider.wsman;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.w3c.dom.Element;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.CimValues;
import org.xenwbem.cim.query.QueryLanguage;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.InstanceCursor;

/**
 * What an Enumerate returns: every instance of the resource URI's class, or what its filter selects
 * — the selector filter (DSP0226 §8.2.2), or the CIM binding's association filter (DSP0227 §8.2,
 * dialect matched case-insensitively, P7, on the wildcard resource URI too).
 */
final class EnumerationFilter {
    static final String DIALECT_ASSOCIATION = "http://schemas.dmtf.org/wbem/wsman/1/cimbinding/associationFilter";

    /**
     * The result: the instances, read as they are sent, and the parsed resource URI whose prefix EPRs
     * echo (null for the wildcard). Everything that can be refused has been checked by now.
     */
    record Result(InstanceCursor cursor, ResourceUris.Parsed uri) {
    }

    private EnumerationFilter() {
    }

    static Result run(WsmanRequest req, Element enumerate, Exchange ex) throws WsmanFault {
        Element filter = SafeXml.child(enumerate, Ns.WSMAN, "Filter");
        if (filter == null) {
            filter = SafeXml.child(enumerate, Ns.WSEN, "Filter");
        }
        String dialect = filter == null ? null : filter.getAttribute("Dialect").trim();
        if (dialect != null && dialect.equalsIgnoreCase(DIALECT_ASSOCIATION)) {
            return association(req, filter, ex);
        }
        Optional<QueryLanguage> lang = queryLanguage(dialect);
        if (lang.isPresent()) {
            return query(req, filter, lang.get(), ex);
        }
        Targets.Target t = Targets.resolve(req, ex.ops());
        if (filter != null && !dialect.isEmpty() && !dialect.equals(Ns.DIALECT_SELECTOR)) {
            throw new WsmanFault(FaultKind.FILTER_DIALECT_NOT_AVAILABLE, FaultKind.detail("FilteringNotSupported"),
                    "filter dialect " + dialect + " is not supported; use " + Ns.DIALECT_WQL_DMTF + ", "
                            + Ns.DIALECT_SELECTOR + " or " + DIALECT_ASSOCIATION, null);
        }
        InstanceCursor all;
        try {
            all = ex.ops().openInstances(t.namespace(), t.cimClass().name());
        } catch (CimException e) {
            throw Faults.from(e);
        }
        return new Result(filter == null ? all : selectorFilter(filter, t, all), t.uri());
    }

    /** WQL under either vendor's URI (Pegasus matched by the suffix /WQL, so do we) and CQL. */
    static Optional<QueryLanguage> queryLanguage(String dialect) {
        if (dialect == null) {
            return Optional.empty();
        }
        Optional<QueryLanguage> exact = QueryLanguage.forDialect(dialect);
        if (exact.isPresent()) {
            return exact;
        }
        return dialect.toUpperCase(Locale.ROOT).endsWith("/WQL") ? Optional.of(QueryLanguage.WQL) : Optional.empty();
    }

    /**
     * A query filter: on a class URI the FROM class must be that class or a subclass; on the
     * wildcard URI (or Microsoft's {@code .../wmi/root/cimv2/*}) the FROM class decides.
     */
    private static Result query(WsmanRequest req, Element filter, QueryLanguage lang, Exchange ex) throws WsmanFault {
        ResourceUris.Parsed uri = ResourceUris.parse(req.resourceUri());
        String ns = uri == null ? Targets.DEFAULT_NAMESPACE : Targets.namespace(req.selectors(), uri);
        if (uri == null && !isWildcard(req.resourceUri())) {
            throw new WsmanFault(FaultKind.INVALID_RESOURCE_URI, "unknown resource URI " + req.resourceUri());
        }
        try {
            if (uri != null) {
                ex.ops().instanceClass(ns, uri.className());
            }
            return new Result(ex.ops().openQuery(ns, lang, filter.getTextContent().trim(),
                    uri == null ? null : uri.className()), uri);
        } catch (CimException e) {
            throw Faults.from(e);
        }
    }

    static boolean isWildcard(String resourceUri) {
        return resourceUri != null && resourceUri.trim().endsWith("/*");
    }

    /**
     * Instances whose properties equal every selector (string comparison of the value's text). Each
     * selector must name a property of the resource URI's class.
     */
    private static InstanceCursor selectorFilter(Element filter, Targets.Target t, InstanceCursor all)
            throws WsmanFault {
        Element set = SafeXml.child(filter, Ns.WSMAN, "SelectorSet");
        if (set == null) {
            throw new WsmanFault(FaultKind.CANNOT_PROCESS_FILTER, "the selector filter needs a wsman:SelectorSet");
        }
        List<WsmanRequest.Selector> sels = WsmanDecoder.selectors(set, 0);
        for (WsmanRequest.Selector s : sels) {
            if (t.cimClass().property(s.name()) == null) {
                throw new WsmanFault(FaultKind.CANNOT_PROCESS_FILTER, t.cimClass().name() + " has no property " + s.name());
            }
        }
        return all.map(i -> matches(i, sels) ? i : null);
    }

    private static boolean matches(CimInstance i, List<WsmanRequest.Selector> sels) {
        for (WsmanRequest.Selector s : sels) {
            Object v = i.cimClass().property(s.name()) == null ? null : i.get(s.name());
            if (v == null || s.value() == null || !CimValues.toText(v).equals(s.value().trim())) {
                return false;
            }
        }
        return true;
    }

    private static Result association(WsmanRequest req, Element filter, Exchange ex) throws WsmanFault {
        Element associated = SafeXml.child(filter, Ns.WSMB, "AssociatedInstances");
        Element associations = SafeXml.child(filter, Ns.WSMB, "AssociationInstances");
        Element body = associated != null ? associated : associations;
        if (body == null) {
            throw new WsmanFault(FaultKind.CANNOT_PROCESS_FILTER,
                    "the association filter needs wsmb:AssociatedInstances or wsmb:AssociationInstances");
        }
        Element object = SafeXml.child(body, Ns.WSMB, "Object");
        if (object == null) {
            throw new WsmanFault(FaultKind.CANNOT_PROCESS_FILTER, "the association filter needs wsmb:Object");
        }
        CimObjectPath source = Targets.eprPath(WsmanDecoder.epr(object, 1), ex.ops());
        try {
            List<CimInstance> items = associated != null
                    ? ex.ops().associators(ex.caller(), source, text(body, "AssociationClassName"),
                    text(body, "ResultClassName"), text(body, "Role"), text(body, "ResultRole"))
                    : ex.ops().references(ex.caller(), source, text(body, "ResultClassName"), text(body, "Role"));
            return new Result(InstanceCursor.of(project(items, body)), ResourceUris.parse(req.resourceUri()));
        } catch (CimException e) {
            throw Faults.from(e);
        }
    }

    /** IncludeResultProperty limits the properties returned (keys always stay). */
    private static List<CimInstance> project(List<CimInstance> items, Element body) {
        List<String> props = new ArrayList<>();
        for (Element p : SafeXml.childrenNamed(body, Ns.WSMB, "IncludeResultProperty")) {
            props.add(SafeXml.text(p));
        }
        if (props.isEmpty()) {
            return items;
        }
        List<CimInstance> out = new ArrayList<>();
        items.forEach(i -> out.add(i.project(props)));
        return out;
    }

    private static String text(Element parent, String name) {
        Element e = SafeXml.child(parent, Ns.WSMB, name);
        String t = e == null ? "" : SafeXml.text(e);
        return t.isEmpty() ? null : t;
    }

    static boolean isAssociationDialect(String dialect) {
        return dialect != null && dialect.toLowerCase(Locale.ROOT).equals(DIALECT_ASSOCIATION.toLowerCase(Locale.ROOT));
    }
}
