package org.xenwbem.provider.wsman;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.w3c.dom.Element;
import org.xenwbem.cim.query.QueryLanguage;
import org.xenwbem.cim.xml.SafeXml;

/**
 * The filter of an Enumerate: none, the selector filter (DSP0226 §8.2.2), a query (WQL under
 * either vendor's URI, CQL), the CIM binding's association filter (DSP0227 §8.2, dialect matched
 * case-insensitively, P7), or a dialect this service does not serve (refused once the target is known).
 */
final class EnumerationFilters {
    public static final String DIALECT_ASSOCIATION = "http://schemas.dmtf.org/wbem/wsman/1/cimbinding/associationFilter";

    private EnumerationFilters() {
    }

    /** One decoded filter. */
    public sealed interface Filter permits None, Selectors, Query, Association, Unsupported {
    }

    /** No filter: every instance of the resource URI's class. */
    public record None() implements Filter {
    }

    /** Instances whose properties equal every selector; {@code selectors} is null when the SelectorSet is missing. */
    public record Selectors(List<WsmanRequest.Selector> selectors) implements Filter {
    }

    /** A query in {@code language}. */
    public record Query(QueryLanguage language, String text) implements Filter {
    }

    /**
     * Associated instances ({@code associators}) or association instances of {@code object}, with
     * the optional names that narrow them and the properties to return (empty: all).
     */
    public record Association(boolean associators, WsmanRequest.Epr object, String associationClass,
                              String resultClass, String role, String resultRole, List<String> includeProperties)
            implements Filter {
    }

    /** A dialect not served. */
    public record Unsupported(String dialect) implements Filter {
    }

    static Filter decode(Element enumerate) throws WsmanFault {
        Element filter = SafeXml.child(enumerate, Ns.WSMAN, "Filter");
        if (filter == null) {
            filter = SafeXml.child(enumerate, Ns.WSEN, "Filter");
        }
        if (filter == null) {
            return new None();
        }
        String dialect = filter.getAttribute("Dialect").trim();
        if (dialect.equalsIgnoreCase(DIALECT_ASSOCIATION)) {
            return association(filter);
        }
        Optional<QueryLanguage> lang = queryLanguage(dialect);
        if (lang.isPresent()) {
            return new Query(lang.get(), filter.getTextContent().trim());
        }
        if (!dialect.isEmpty() && !dialect.equals(Ns.DIALECT_SELECTOR)) {
            return new Unsupported(dialect);
        }
        Element set = SafeXml.child(filter, Ns.WSMAN, "SelectorSet");
        return new Selectors(set == null ? null : WsmanDecoder.selectors(set, 0));
    }

    /** WQL under either vendor's URI (Pegasus matched by the suffix /WQL, so do we) and CQL. */
    static Optional<QueryLanguage> queryLanguage(String dialect) {
        Optional<QueryLanguage> exact = QueryLanguage.forDialect(dialect);
        if (exact.isPresent()) {
            return exact;
        }
        return dialect.toUpperCase(Locale.ROOT).endsWith("/WQL") ? Optional.of(QueryLanguage.WQL) : Optional.empty();
    }

    private static Association association(Element filter) throws WsmanFault {
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
        List<String> props = new ArrayList<>();
        for (Element p : SafeXml.childrenNamed(body, Ns.WSMB, "IncludeResultProperty")) {
            props.add(SafeXml.text(p));
        }
        return new Association(associated != null, WsmanDecoder.epr(object, 1), text(body, "AssociationClassName"),
                text(body, "ResultClassName"), text(body, "Role"), text(body, "ResultRole"), List.copyOf(props));
    }

    private static String text(Element parent, String name) {
        String t = Bodies.text(parent, Ns.WSMB, name);
        return t == null || t.isEmpty() ? null : t;
    }
}
